/**
 * Password reset by a 6-digit code sent by e-mail, valid for an hour. As in
 * the original: a second request while a recent code is still awaited sends
 * nothing (until 94% of its hour has passed) and says how long it remains
 * valid; an unknown e-mail is told so (`email_not_found`); a wrong code, an
 * unknown e-mail, a used or expired code all answer `invalid_token`.
 *
 * Beyond the original: the code is kept as a hash; each code takes at most
 * 10 wrong guesses (with 10^6 codes and many addresses, 30 tries an hour per
 * address would not stop a patient guesser); a new password ends every
 * session of the account.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { expiresAt } from '#shared/db/ttl';
import { AppError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { parseWith } from '#shared/validation';
import { badRequest, tooManyRequests } from '../errors.ts';
import { emailKey, passwordResetKey, rateKey, userKey } from '../keys.ts';
import { queueEmail } from '../messaging/email-jobs.ts';
import { text } from '../params.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { checkPassword } from './password-policy.ts';
import { closeAllSessions } from './sessions.ts';
import type { UserRecord } from './users.ts';

const DIGITS = 6;
const TTL_SECONDS = 60 * 60;
/** A new code may be asked for once this much of the last one's validity remains (the original's 6%). */
const MIN_TTL_RETRY = TTL_SECONDS + Math.trunc(TTL_SECONDS * -0.94);
const MAX_GUESSES = 10;

interface ResetItem {
  codeHash: string;
  /** Epoch ms. */
  createdAt: number;
  validUntil: number;
  usedAt?: string;
  guesses?: number;
}

const hashCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function findUserByEmail(email: string): Promise<UserRecord | undefined> {
  const sentinel = await table.get<{ userId?: number }>(emailKey(email));
  return sentinel?.userId === undefined ? undefined : table.get<UserRecord>(userKey(sentinel.userId));
}

const limitPerAddress = (scope: string, limit: number, sourceIp: string) =>
  countRequest({ limit, windowSeconds: 3600, counterKey: (windowStart) => rateKey(scope, sourceIp.slice(0, 18), windowStart), refuse: tooManyRequests });

export interface ResetRequested {
  message: string;
  ttl: number;
  digits: typeof DIGITS;
  min_ttl_retry: number;
}

export async function requestPasswordReset(emailAddress: string, appVersion: string, sourceIp: string, now = new Date()): Promise<ResetRequested> {
  const email = emailAddress.toLowerCase();
  await limitPerAddress('reset_request', 5, sourceIp);
  const user = await findUserByEmail(email);
  if (!user) throw badRequest('email_not_found', 'Não foi encontrado nenhuma conta com esse endereço de e-mail.', 'email');

  const resetKey = passwordResetKey(user.id);
  const current = await table.get<ResetItem>(resetKey, { consistent: true });
  if (current && !current.usedAt && current.createdAt > now.getTime() - (TTL_SECONDS - MIN_TTL_RETRY) * 1000) {
    return {
      message: `Aguardando código com ${DIGITS} números, que enviamos o para o seu e-mail recentemente`,
      ttl: Math.round((current.validUntil - now.getTime()) / 1000),
      min_ttl_retry: MIN_TTL_RETRY,
      digits: DIGITS,
    };
  }

  const code = String(randomInt(0, 10 ** DIGITS)).padStart(DIGITS, '0');
  const item: ResetItem = { codeHash: hashCode(code), createdAt: now.getTime(), validUntil: now.getTime() + TTL_SECONDS * 1000 };
  // Kept a day past its validity, so the item still says "used" or "expired" for a while.
  await table.put({ ...resetKey, ...item, expiresAt: expiresAt(TTL_SECONDS + 86_400, now) });
  try {
    await queueEmail({
      id: `reset:${user.id}:${item.createdAt}`,
      to: email,
      subject: 'PenhaS - Recuperação de senha',
      template: 'forgot_password',
      text: resetEmailText({ name: user.nome_completo, email, cpfStart: user.cpf_prefix.slice(0, 3), code, sourceIp, appVersion }),
    });
  } catch (error) {
    // Nothing was sent: let the next request make a new code instead of awaiting this one.
    await table.delete(resetKey, { condition: 'createdAt = :createdAt', values: { ':createdAt': item.createdAt } }).catch(() => undefined);
    throw error;
  }
  logger.info('password reset code sent', { userId: user.id });
  return { message: `Enviamos um código com ${DIGITS} números para o seu e-mail`, ttl: TTL_SECONDS, digits: DIGITS, min_ttl_retry: MIN_TTL_RETRY };
}

function resetEmailText(facts: { name: string; email: string; cpfStart: string; code: string; sourceIp: string; appVersion: string }): string {
  return [
    `Olá, ${facts.name}!`,
    '',
    `Recebemos um pedido para redefinir a senha desta conta (${facts.email}, CPF com início ${facts.cpfStart}).`,
    '',
    `Digite o código ${facts.code} no aplicativo para liberar a troca de senha. Este código é válido por 1 hora.`,
    '',
    'Não compartilhe este código com ninguém! Caso não tenha solicitado este código, outra pessoa fez isso utilizando o seu e-mail. ' +
      `A solicitação foi feita a partir do IP ${facts.sourceIp} (detalhes sobre o aplicativo: ${facts.appVersion}).`,
  ].join('\n');
}

export interface WriteNewPassword {
  email: string;
  token: string;
  dry: string;
  senha?: string;
}

const invalidToken = () => badRequest('invalid_token', 'Número não confere.', 'token');

const newPassword = z.object({ senha: text({ max: 200 }) });

export async function writeNewPassword(input: WriteNewPassword, sourceIp: string, now = new Date()): Promise<{ continue: 1 } | { success: 1 }> {
  const dry = Number(input.dry) !== 0;
  const senha = dry ? undefined : parseWith(newPassword, input, 'body').senha;
  if (senha !== undefined) checkPassword(senha);
  await limitPerAddress('reset_write', 30, sourceIp);

  const user = await findUserByEmail(input.email.toLowerCase());
  if (!user) throw invalidToken();
  const resetKey = passwordResetKey(user.id);
  const item = await table.get<ResetItem>(resetKey, { consistent: true });
  if (!item || item.usedAt || item.validUntil < now.getTime() || (item.guesses ?? 0) >= MAX_GUESSES) throw invalidToken();
  if (!sameHash(hashCode(input.token), item.codeHash)) {
    await table.update(resetKey, 'ADD guesses :one', { condition: 'codeHash = :code', values: { ':one': 1, ':code': item.codeHash } });
    throw invalidToken();
  }
  if (senha === undefined) return { continue: 1 };

  if (await verifyPassword(senha, user.password_hash)) {
    throw badRequest('pass_same_as_before', 'A nova senha não pode ser igual à anterior, use uma senha diferente.', 'senha');
  }
  try {
    await transact([
      {
        Update: {
          Key: resetKey,
          UpdateExpression: 'SET usedAt = :now, usedFrom = :ip',
          ConditionExpression: 'codeHash = :code AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':ip': sourceIp, ':code': item.codeHash },
        },
        conflictCode: 'invalid_token',
      },
      {
        Update: {
          Key: userKey(user.id),
          UpdateExpression: 'SET password_hash = :hash ADD #version :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':hash': await hashPassword(senha), ':one': 1 },
        },
        conflictCode: 'invalid_token',
      },
    ]);
  } catch (error) {
    // The code was used (or the account removed) by a concurrent request.
    if (error instanceof AppError && error.code === 'invalid_token') throw invalidToken();
    throw error;
  }
  await closeAllSessions(user.id);
  logger.info('password reset', { userId: user.id });
  return { success: 1 };
}
