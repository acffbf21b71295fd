/**
 * Suggestions of new support points, kept for review (the admin lists them
 * newest first from gsi1 `PA_SUGGESTIONS`). Two forms, as the original had:
 * the short one (`/me/sugerir-pontos-de-apoio`, a free address and one phone;
 * the original turned it off unless `ENABLE_OLD_PA_SUGG` was set, asking for
 * an app update) and the complete one the app sends. The complete form takes
 * `eh_24h`/`has_whatsapp` and also the app's `is24h`/`hasWhatsapp` (which the
 * original ignored), each `Sim` or `Não`. When `EMAIL_PONTO_APOIO_SUGESTAO` is
 * set, each suggestion is announced to that address, as in the original.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as z from 'zod/mini';
import { nextValue } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { loadConfig } from '#shared/config';
import { errorFacts, logger } from '#shared/observability/logger';
import { viaCep } from '../accounts/cep-lookup.ts';
import { badRequest } from '../errors.ts';
import { PA_SUGGESTIONS, paSuggestionKey, sequenceKey } from '../keys.ts';
import { queueEmail } from '../messaging/email-jobs.ts';

export const SUGGESTION_RECEIVED = {
  success: 1 as const,
  message: 'Sua sugestão será avaliada antes de ser publicada.',
  title: 'Sugestão recebida',
};

export type SuggestionFields = Record<string, string | number | undefined>;

/** Whether the short form is open (the original's `ENABLE_OLD_PA_SUGG`). */
export const shortFormEnabled = (): boolean => Boolean(process.env.ENABLE_OLD_PA_SUGG);

/** The short form's rules, in the original's order; the fields as they will be stored. */
export async function shortSuggestion(fields: SuggestionFields): Promise<SuggestionFields> {
  const stored: SuggestionFields = { ...fields };
  if (!stored.endereco && !stored.endereco_ou_cep) throw badRequest('endereco', 'É necessário enviar o endereço');
  const cep = String(stored.cep ?? '').replace(/\D/g, '');
  if (cep) stored.cep = cep;
  if (cep && !stored.endereco) throw badRequest('endereco', 'É necessário enviar o endereço');
  if (cep && !stored.telefone) throw badRequest('telefone', 'É informar um telefone');
  const raw = stored.telefone === undefined ? '' : String(stored.telefone);
  delete stored.telefone;
  if (raw) {
    const phone = parsePhoneNumberFromString(raw, raw.startsWith('+') ? undefined : 'BR');
    if (!phone?.isValid()) {
      throw badRequest(
        'parser_error',
        'Não conseguimos decodificar o número de telefone enviado. Lembre-se de incluir o DDD para Brasil. Também aceitamos números 0800, 0300',
        'telefone',
      );
    }
    stored.telefone_formatted_as_national = phone.formatNational();
    stored.telefone_e164 = phone.formatInternational();
  }
  stored.endereco_ou_cep ??= '';
  if (cep) await checkCep(cep);
  return stored;
}

/** The complete form: phones as numbers, empty phones dropped, Sim/Não as 1/0, the CEP's digits. */
export async function completeSuggestion(fields: SuggestionFields): Promise<SuggestionFields> {
  const stored: SuggestionFields = { ...fields };
  if (stored.eh_24h === undefined && stored.is24h !== undefined && stored.is24h !== '') stored.eh_24h = stored.is24h;
  if (stored.has_whatsapp === undefined && stored.hasWhatsapp !== undefined && stored.hasWhatsapp !== '') stored.has_whatsapp = stored.hasWhatsapp;
  delete stored.is24h;
  delete stored.hasWhatsapp;
  for (const phone of ['ddd1', 'ddd2', 'telefone1', 'telefone2']) {
    if (stored[phone] === '' || stored[phone] === undefined) delete stored[phone];
    else stored[phone] = Number(stored[phone]);
  }
  for (const flag of ['eh_24h', 'has_whatsapp']) if (stored[flag] !== undefined) stored[flag] = stored[flag] === 'Sim' ? 1 : 0;
  if (stored.cep !== undefined) stored.cep = String(stored.cep).replace(/\D/g, '');
  if (stored.cep) await checkCep(String(stored.cep));
  return stored;
}

async function checkCep(cep: string): Promise<void> {
  if (!(await viaCep.find(cep))) throw badRequest('cep_invalid', `Não conseguimos localizar o endereço do CEP ${cep}!`, 'cep');
}

/** Stores a suggestion for review; its id. */
export async function saveSuggestion(userId: number, version: 1 | 2, fields: SuggestionFields, sourceIp: string): Promise<number> {
  const id = await nextValue(sequenceKey(version === 1 ? 'ponto_apoio_sugestao' : 'ponto_apoio_sugestao_v2'));
  const createdAt = new Date().toISOString();
  await table.put({
    ...paSuggestionKey(userId, id),
    gsi1pk: PA_SUGGESTIONS,
    gsi1sk: `${createdAt}#${version}#${id}`,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    id,
    version,
    cliente_id: userId,
    status: 'awaiting-moderation',
    metainfo: { ip: sourceIp },
    created_at: createdAt,
  });
  await tellReviewers(id, version);
  return id;
}

const reviewConfig = z.object({ EMAIL_PONTO_APOIO_SUGESTAO: z.optional(z.string()) });

/**
 * The notice to the reviewers' address. Its job id names the suggestion, so the e-mail goes out
 * once however the job is delivered; the suggestion is kept even if the notice cannot be queued.
 */
async function tellReviewers(id: number, version: 1 | 2): Promise<void> {
  const to = loadConfig(reviewConfig).EMAIL_PONTO_APOIO_SUGESTAO;
  if (!to) return;
  const form = version === 1 ? 'formulário curto' : 'formulário completo';
  const text = `Uma nova sugestão de ponto de apoio foi enviada.\n\nSugestão ${id} (${form}), aguardando moderação na lista de sugestões.`;
  try {
    await queueEmail({ id: `pa-suggestion-${version}-${id}`, to, subject: 'PenhaS - Nova sugestão de ponto de apoio', text, template: 'ponto_apoio_sugestao' });
  } catch (error) {
    logger.error('could not enqueue a suggestion notice', { suggestionId: id, ...errorFacts(error) });
  }
}
