/**
 * Support points written by admins, through the points feature's own item
 * shapes (`pointItems`: the detail and its search entry): a suggestion
 * approved becomes a new point, and any point may be edited (or set
 * `inactive`). Each write is one transaction with its audit entry, and keeps
 * the point's rating totals as they were read (a rating landing in between
 * fails the condition, and the edit answers `conflict` to be sent again).
 */
import { nextValue } from '#shared/db/counters';
import { keyQuery } from '#shared/db/keys';
import { queryPage } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { parseWith } from '#shared/validation';
import { formError, itemNotFound } from '../errors.ts';
import { PA_SUGGESTIONS, paSuggestionKey, sequenceKey } from '../keys.ts';
import { getPoint, pointItems, pointsMeta, type PontoApoio } from '../points/points.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, auditPut } from './audit.ts';
import { type PointFields, pontoApoioSchema } from './point-schema.ts';

/** Points admins create get ids from here up, clear of the ids content and imports bring. */
const ADMIN_POINT_IDS_FROM = 100_000;
const ID_ATTEMPTS = 3;

const SUGGESTION_STATUS = 'awaiting-moderation';

async function categoryLabel(categoria: number): Promise<string> {
  const found = (await pointsMeta()).categorias.find((c) => c.id === categoria);
  if (!found) throw formError('categoria', 'invalid');
  return found.label;
}

function pointWrites(point: PontoApoio, label: string, totals: { avaliacao_soma: number; qtde_avaliacao: number }, isNew: boolean) {
  const { detail, entry } = pointItems(point, label, totals);
  const detailCondition = isNew
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: 'attribute_exists(pk) AND avaliacao_soma = :soma AND qtde_avaliacao = :qtde',
        ExpressionAttributeValues: { ':soma': totals.avaliacao_soma, ':qtde': totals.qtde_avaliacao },
      };
  return [{ Put: { Item: detail, ...detailCondition }, conflictCode: isNew ? 'point_exists' : 'conflict' }, { Put: { Item: entry } }];
}

export interface SuggestionItem {
  pk: string;
  sk: string;
  id: number;
  version: number;
  cliente_id: number;
  status: string;
  created_at: string;
  [field: string]: unknown;
}

/** Suggestions in review order (newest first), by status (default: awaiting moderation). */
export async function listSuggestions(options: { status?: string; rows: number; next_page?: string }) {
  const byIndex = keyQuery({ index: 'gsi1', pk: PA_SUGGESTIONS });
  const page = await queryPage<SuggestionItem & { gsi1pk: string; gsi1sk: string }>(
    {
      ...byIndex,
      ScanIndexForward: false,
      FilterExpression: '#status = :status',
      ExpressionAttributeNames: { ...byIndex.ExpressionAttributeNames, '#status': 'status' },
      ExpressionAttributeValues: { ...byIndex.ExpressionAttributeValues, ':status': options.status ?? SUGGESTION_STATUS },
    },
    { limit: options.rows, cursor: options.next_page, cursorField: 'next_page' },
  );
  const rows = page.items.map(({ pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, metainfo: _meta, ...suggestion }) => suggestion);
  return { rows, has_more: page.cursor ? (1 as const) : (0 as const), next_page: page.cursor ?? null };
}

async function awaitingSuggestion(userId: number, suggestionId: number): Promise<SuggestionItem> {
  const suggestion = await table.get<SuggestionItem>(paSuggestionKey(userId, suggestionId), { consistent: true });
  if (!suggestion) throw itemNotFound();
  if (suggestion.status !== SUGGESTION_STATUS) throw new AppError('invalid', 'suggestion_reviewed', 'Esta sugestão já foi analisada.');
  return suggestion;
}

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));
const int = (value: unknown): number | null => (value === undefined || value === null || value === '' || !/^\d+$/.test(String(value)) ? null : Number(value));

/** What the suggestion already says, as point columns (the admin's fields win over these). */
function fromSuggestion(s: SuggestionItem): Record<string, unknown> {
  const numero = int(s.numero);
  return {
    nome: text(s.nome) ?? undefined,
    categoria: int(s.categoria) ?? undefined,
    nome_logradouro: text(s.nome_logradouro) ?? undefined,
    numero,
    numero_sem_numero: numero === null ? 1 : 0,
    complemento: text(s.complemento),
    bairro: text(s.bairro) ?? undefined,
    municipio: text(s.municipio) ?? undefined,
    uf: text(s.uf)?.toUpperCase(),
    cep: text(s.cep)?.replace(/\D/g, ''),
    ddd: int(s.ddd1),
    telefone1: int(s.telefone1),
    telefone2: int(s.telefone2),
    email: text(s.email),
    eh_24h: s.eh_24h === 1 ? 1 : 0,
    eh_whatsapp: s.has_whatsapp === 1 ? 1 : 0,
    observacao: text(s.observacao),
    abrangencia: s.abrangencia ? `${String(s.abrangencia).charAt(0).toUpperCase()}${String(s.abrangencia).slice(1).toLowerCase()}` : undefined,
  };
}

/** Point columns nobody suggested or sent: the original form's defaults. */
const DEFAULTS: Partial<PointFields> = {
  status: 'active',
  sigla: null,
  descricao: null,
  ramal1: null,
  ramal2: null,
  horario_inicio: null,
  horario_fim: null,
  dias_funcionamento: null,
  eh_presencial: 1,
  eh_online: 0,
  funcionamento_pandemia: 0,
  observacao_pandemia: null,
  cod_ibge: null,
  projetos: [],
};

/** The point a suggestion becomes: what it says, under the columns the admin sent; `form_error` when that is not a valid point. */
export function suggestionAsPoint(suggestion: SuggestionItem, fields: Record<string, unknown>): PointFields {
  const merged = { ...DEFAULTS, ...withoutUndefined(fromSuggestion(suggestion)), ...fields, ja_passou_por_moderacao: 1 };
  return parseWith(pontoApoioSchema, merged, 'body');
}

/** Approves a suggestion: a new point from it and the admin's fields, the suggestion marked, the audit entry; all or nothing. */
export async function approveSuggestion(
  caller: AdminCaller,
  userId: number,
  suggestionId: number,
  fields: Record<string, unknown>,
): Promise<{ ponto_apoio_id: number }> {
  const point = suggestionAsPoint(await awaitingSuggestion(userId, suggestionId), fields);
  const label = await categoryLabel(point.categoria);
  for (let attempt = 1; ; attempt++) {
    const id = ADMIN_POINT_IDS_FROM + (await nextValue(sequenceKey('ponto_apoio')));
    const now = new Date();
    try {
      await transact([
        ...pointWrites({ ...point, id }, label, { avaliacao_soma: 0, qtde_avaliacao: 0 }, true),
        {
          Update: {
            Key: paSuggestionKey(userId, suggestionId),
            UpdateExpression: 'SET #status = :approved, ponto_apoio_id = :point, reviewed_by = :admin, reviewed_at = :at',
            ConditionExpression: '#status = :awaiting',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':approved': 'approved',
              ':point': id,
              ':admin': caller.adminId,
              ':at': now.toISOString(),
              ':awaiting': SUGGESTION_STATUS,
            },
          },
          conflictCode: 'suggestion_reviewed',
        },
        auditPut(auditEntry(caller, 'point_suggestion.approve', { type: 'point_suggestion', id: `${userId}:${suggestionId}` }, { ponto_apoio_id: id }, now)),
      ]);
      return { ponto_apoio_id: id };
    } catch (error) {
      if (error instanceof AppError && error.code === 'suggestion_reviewed')
        throw new AppError('invalid', 'suggestion_reviewed', 'Esta sugestão já foi analisada.');
      if (!(error instanceof AppError && error.code === 'point_exists') || attempt === ID_ATTEMPTS) throw error;
    }
  }
}

/** Rejects a suggestion (with the reviewer's reason, kept for the audit and the suggestion). */
export async function rejectSuggestion(caller: AdminCaller, userId: number, suggestionId: number, reason: string | undefined): Promise<void> {
  await awaitingSuggestion(userId, suggestionId);
  const now = new Date();
  try {
    await transact([
      {
        Update: {
          Key: paSuggestionKey(userId, suggestionId),
          UpdateExpression: 'SET #status = :rejected, reviewed_by = :admin, reviewed_at = :at, review_reason = :reason',
          ConditionExpression: '#status = :awaiting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':rejected': 'rejected',
            ':admin': caller.adminId,
            ':at': now.toISOString(),
            ':reason': reason ?? null,
            ':awaiting': SUGGESTION_STATUS,
          },
        },
        conflictCode: 'suggestion_reviewed',
      },
      auditPut(auditEntry(caller, 'point_suggestion.reject', { type: 'point_suggestion', id: `${userId}:${suggestionId}` }, {}, now)),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'suggestion_reviewed')
      throw new AppError('invalid', 'suggestion_reviewed', 'Esta sugestão já foi analisada.');
    throw error;
  }
}

/** Creates or replaces support point `id` with the admin's columns, keeping its rating totals. */
export async function putPoint(caller: AdminCaller, id: number, fields: PointFields): Promise<{ created: boolean }> {
  const label = await categoryLabel(fields.categoria);
  const existing = await getPoint(id);
  const totals = existing ? { avaliacao_soma: existing.avaliacao_soma, qtde_avaliacao: existing.qtde_avaliacao } : { avaliacao_soma: 0, qtde_avaliacao: 0 };
  await transact([
    ...pointWrites({ ...fields, id }, label, totals, !existing),
    auditPut(auditEntry(caller, existing ? 'point.update' : 'point.create', { type: 'ponto_apoio', id }, { status: fields.status })),
  ]);
  return { created: !existing };
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
