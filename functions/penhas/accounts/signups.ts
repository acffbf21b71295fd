/**
 * Sign-up, with the original's checks in the original's order: the fields
 * (for `dry=0` the account's too, then the password policy), the CEP, the
 * per-IP limit, the e-mail, the address's CPF mistakes of the day, the CPF
 * with the registry (birth date, then holder's name), the CPF's uniqueness.
 * `dry=1` stops there. The account, its e-mail sentinel and its CPF sentinel
 * are written in one transaction, so two sign-ups racing for one e-mail or
 * CPF cannot both succeed and nothing is left half-written.
 *
 * Only a hash of the CPF and its first 4 digits are kept.
 */
import * as z from 'zod/mini';
import { countRequest, nextValue } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { expiresAt } from '#shared/db/ttl';
import { AppError, rateLimited } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { parseWith } from '#shared/validation';
import { badRequest, formError, FIELDS_NOT_FILLED, tooManyRequests } from '../errors.ts';
import { activeAccountIndexKeys, cpfHash, cpfKey, emailKey, rateKey, sequenceKey, userKey } from '../keys.ts';
import { viaCep, type CepLookup } from './cep-lookup.ts';
import { iWebService, nameHash, type CpfRegistry } from './cpf-registry.ts';
import { hashPassword } from './passwords.ts';
import { checkPassword } from './password-policy.ts';
import { openSession } from './sessions.ts';
import { touchDirectory } from '../chats/directory.ts';
import { answerSupportChat } from '../chats/store.ts';
import { accountFields } from './signup.route.ts';
import { type Genero, isFemale, type Raca, type UserRecord } from './users.ts';

export interface SignUpInput {
  dry: string;
  nome_completo: string;
  dt_nasc: string;
  cpf: string;
  cep: string;
  app_version: string;
  email?: string;
  genero?: string;
  nome_social?: string;
  raca?: string;
  apelido?: string;
  senha?: string;
}

export interface SignUpPorts {
  registry: CpfRegistry;
  cepLookup: CepLookup;
}

const SIGNUPS_PER_MINUTE = 3;
/** CPF mismatches an address may make in a day before it is refused (the original's MAX_CPF_ERRORS_IN_24H). */
const CPF_ERRORS_PER_DAY = 20;
const DAY_SECONDS = 24 * 3600;

const accountSchema = z.object({
  email: accountFields.email,
  genero: accountFields.genero,
  nome_social: accountFields.nome_social,
  raca: accountFields.raca,
  apelido: accountFields.apelido,
  senha: accountFields.senha,
});

export async function signUp(
  input: SignUpInput,
  sourceIp: string,
  ports: SignUpPorts = { registry: iWebService, cepLookup: viaCep },
  now = new Date(),
): Promise<{ continue: 1 } | { session: string }> {
  const dry = Number(input.dry) !== 0;
  const account = dry ? undefined : parseWith(accountSchema, input, 'body');
  const trans = account ? /trans|outro/i.test(account.genero) : false;
  if (account) {
    if (trans && account.nome_social === undefined) throw formError('nome_social', 'is_required', `${FIELDS_NOT_FILLED} (nome_social)`);
    checkPassword(account.senha);
  }
  const cpf = input.cpf.replace(/\D/g, '');
  const cep = input.cep.replace(/\D/g, '');
  const email = account?.email.toLowerCase();

  const address = await ports.cepLookup.find(cep);
  if (!address) throw badRequest('cep_invalid', `Não conseguimos localizar o endereço do CEP ${cep}!`, 'cep');

  const subject = sourceIp.slice(0, 18);
  await countRequest({
    limit: SIGNUPS_PER_MINUTE,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('signup', subject, windowStart),
    refuse: tooManyRequests,
  });

  if (email && (await table.get(emailKey(email)))) throw emailTaken();

  const errorWindow = Math.floor(now.getTime() / 1000 / DAY_SECONDS) * DAY_SECONDS;
  const cpfErrors = rateKey('cpf_error', subject, errorWindow);
  const mistakes = await table.get<{ count: number }>(cpfErrors);
  if ((mistakes?.count ?? 0) > CPF_ERRORS_PER_DAY) {
    throw rateLimited(
      errorWindow + DAY_SECONDS - Math.floor(now.getTime() / 1000),
      'too_many_requests',
      'Você fez muitos acessos recentemente. Aguarde e tente novamente.',
    );
  }
  const countMistake = () =>
    table.update(cpfErrors, 'ADD #count :one SET expiresAt = :expiresAt', {
      names: { '#count': 'count' },
      values: { ':one': 1, ':expiresAt': expiresAt(new Date((errorWindow + 2 * DAY_SECONDS) * 1000)) },
    });

  const registered = await ports.registry.lookup(cpf, input.dt_nasc);
  if (!registered.found) {
    await countMistake();
    throw badRequest('cpf_not_match', 'Data de nascimento não confere com o CPF. Caso os dados estejam corretos, tente novamente após 5 minutos.');
  }
  if (registered.nameHash !== nameHash(input.nome_completo)) {
    await countMistake();
    throw badRequest('name_not_match', 'Nome deve ser escrito igual ao do seu CPF.', 'nome_completo');
  }

  if (await table.get(cpfKey(cpf))) throw cpfTaken();

  if (!account || !email) return { continue: 1 };

  const id = await nextValue(sequenceKey('user'));
  const user: UserRecord = {
    ...userKey(id),
    ...activeAccountIndexKeys(id),
    id,
    status: 'active',
    created_on: now.toISOString(),
    email,
    // Kept as she typed it; the registry comparison is on the normalized form.
    nome_completo: input.nome_completo,
    apelido: account.apelido,
    nome_social: trans ? (account.nome_social ?? null) : null,
    genero: account.genero as Genero,
    raca: account.raca as Raca,
    dt_nasc: input.dt_nasc,
    cpf_prefix: cpf.slice(0, 4),
    cpf_hash: cpfHash(cpf),
    cep,
    cep_cidade: address.city,
    cep_estado: address.state,
    password_hash: await hashPassword(account.senha),
    modo_anonimo_ativo: 0,
    modo_camuflado_ativo: 0,
    ja_foi_vitima_de_violencia: 0,
    qtde_login_offline: 0,
    qtde_ligar_para_policia: 0,
    qtde_guardioes_ativos: 0,
    skills: [],
    last_login_at: now.toISOString(),
    last_login_app_version: input.app_version,
    version: 1,
  };
  const owner = userKey(id);
  const absent = { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    await transact([
      { Put: { Item: user, ...absent }, conflictCode: 'user_exists' },
      { Put: { Item: { ...emailKey(email), userId: id, owner }, ...absent }, conflictCode: 'email_already_exists' },
      { Put: { Item: { ...cpfKey(cpf), userId: id, owner }, ...absent }, conflictCode: 'cpf_already_exists' },
    ]);
  } catch (error) {
    // Another sign-up took the e-mail or the CPF since they were checked.
    if (error instanceof AppError && error.code === 'email_already_exists') throw emailTaken();
    if (error instanceof AppError && error.code === 'cpf_already_exists') throw cpfTaken();
    throw error;
  }
  count('UserCreated');
  logger.info('account created', { userId: id });
  // She can be found by the chat's user search from the start, not only once she has chatted.
  const [{ token }] = await Promise.all([openSession(id, now), touchDirectory(user, now, null), welcome(user)]);
  return { session: token };
}

/**
 * The original's welcome: with MSG_BEM_VINDO set, a woman finds "Olá, <apelido>! <message>" from the
 * support team in her support chat. A failure here never fails the sign-up it follows.
 */
async function welcome(user: UserRecord): Promise<void> {
  const message = process.env.MSG_BEM_VINDO;
  if (!message || !isFemale(user)) return;
  try {
    await answerSupportChat(user.id, 'welcome', `Olá, ${user.apelido}! ${message}`);
  } catch (error) {
    logger.warn('welcome message not sent', { userId: user.id, errorName: (error as Error).name });
  }
}

const emailTaken = () =>
  badRequest('email_already_exists', 'E-mail já possui uma conta. Por favor, faça o o login, ou utilize a função "Esqueci minha senha".', 'email', 'duplicate');

const cpfTaken = () => badRequest('cpf_already_exists', 'Este CPF já possui uma conta. Entre em contato com o suporte caso não lembre do e-mail utilizado.');
