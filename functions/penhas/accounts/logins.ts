/**
 * Logging in: the per-IP limit, the lockout after repeated wrong passwords,
 * legacy hashes upgraded, one live session per account.
 *
 * Lockout (as the original): every wrong password is recorded; when the
 * failures of the last hour reach 15, the account's `login_status` becomes
 * `NOK` and login answers `login_status_nok` for 24 hours, whatever the
 * password; `BLOCK` (set by support) refuses login for good.
 */
import { randomUUID } from 'node:crypto';
import { countRequest } from '#shared/db/counters';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { badRequest, tooManyRequests } from '../errors.ts';
import { emailKey, LOGIN_ERROR_PREFIX, loginErrorKey, ownerPartition, rateKey, userKey } from '../keys.ts';
import { hashPassword, needsUpgrade, verifyPassword } from './passwords.ts';
import { passwordProblem } from './password-policy.ts';
import { closeAllSessions, openSession } from './sessions.ts';
import type { UserRecord } from './users.ts';

const LOGINS_PER_MINUTE = 3;
const ERRORS_BEFORE_LOCK = 15;
const ERROR_WINDOW_SECONDS = 60 * 60;
const LOCK_SECONDS = 24 * 60 * 60;

/** Statuses that may attempt a login; an account being erased is as good as unknown. */
const LOGIN_STATUSES = new Set(['active', 'deleted_scheduled', 'banned']);

export interface LoginAttempt {
  email: string;
  /** The candidate passwords, in order: the decoded one, then the body's literal text when it differs. */
  passwords: string[];
  appVersion: string;
  sourceIp: string;
}

export interface LoginAnswer {
  deleted_scheduled?: 1;
  session: string;
}

const wrongPassword = () => badRequest('wrongpassword', 'E-mail ou senha inválida.', 'password');
// The original tells an unknown e-mail apart (sign-up's `email_already_exists` tells it anyway), and the app shows the text.
const unknownEmail = () => badRequest('notfound', 'Você ainda não possui cadastro conosco.', 'password');

// Verified against when the e-mail is unknown, so that answer takes as long as a wrong password (no timing oracle beyond the answer itself).
let decoyHash: Promise<string> | undefined;
const decoy = (): Promise<string> => {
  decoyHash ??= hashPassword(randomUUID());
  return decoyHash;
};

/** Counts one login from the address; the original keys IPv6 clients on their first 18 characters. */
export const countLogin = (sourceIp: string) =>
  countRequest({
    limit: LOGINS_PER_MINUTE,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('login', sourceIp.slice(0, 18), windowStart),
    refuse: tooManyRequests,
  });

export async function logIn(attempt: LoginAttempt, now = new Date()): Promise<LoginAnswer> {
  await countLogin(attempt.sourceIp);

  const passwords = attempt.passwords.filter((password) => [...password].length >= 8 && !passwordProblem(password));
  if (passwords.length === 0) {
    throw badRequest('wrongpassword_tooweak', 'Sua senha é fraca. Por favor, clique no botão "Esqueci minha senha" para resetar.', 'password');
  }

  const user = await findLoginUser(attempt.email);
  if (!user) {
    await verifyPassword(passwords[0], await decoy());
    throw unknownEmail();
  }

  await checkLoginStatus(user, now);

  let matched: string | undefined;
  for (const password of passwords) {
    if (await verifyPassword(password, user.password_hash)) {
      matched = password;
      break;
    }
  }
  if (matched === undefined) {
    await recordFailure(user, now);
    throw wrongPassword();
  }

  if (user.status === 'banned') throw badRequest('ban', 'A conta suspensa.', 'email');

  await recordLogin(user, matched, attempt.appVersion, now);
  const { sessionId, token } = await openSession(user.id, now);
  await closeAllSessions(user.id, sessionId);
  logger.info('logged in', { userId: user.id });
  return user.status === 'deleted_scheduled' ? { deleted_scheduled: 1, session: token } : { session: token };
}

async function findLoginUser(email: string): Promise<UserRecord | undefined> {
  const sentinel = await table.get<{ userId?: number; owner?: { pk: string; sk: string } }>(emailKey(email));
  const userId = sentinel?.userId;
  if (userId === undefined) return undefined;
  const user = await table.get<UserRecord>(userKey(userId));
  return user && LOGIN_STATUSES.has(user.status) ? user : undefined;
}

async function checkLoginStatus(user: UserRecord, now: Date): Promise<void> {
  if (user.login_status === 'BLOCK') {
    throw badRequest('login_status_block', 'Logon para este e-mail está suspenso interminavelmente.');
  }
  if (user.login_status !== 'NOK' || typeof user.login_status_last_blocked_at !== 'string') return;
  const blockedFor = (now.getTime() - Date.parse(user.login_status_last_blocked_at)) / 1000;
  if (blockedFor <= LOCK_SECONDS) throw badRequest('login_status_nok', 'Logon para este e-mail está suspenso temporariamente.');
  await table.update(userKey(user.id), 'SET login_status = :ok REMOVE login_status_last_blocked_at ADD #version :one', {
    names: { '#version': 'version' },
    values: { ':ok': 'OK', ':one': 1 },
  });
}

async function recordFailure(user: UserRecord, now: Date): Promise<void> {
  await table.put({ ...loginErrorKey(user.id, now, randomUUID()), expiresAt: expiresAt(ERROR_WINDOW_SECONDS, now) });
  const since = new Date(now.getTime() - ERROR_WINDOW_SECONDS * 1000);
  const recent = await table.query({
    ...keyQuery({ pk: ownerPartition(user.id), sk: { between: [loginErrorKey(user.id, since, '').sk, `${LOGIN_ERROR_PREFIX}\uffff`] } }),
    ProjectionExpression: '#sk',
  });
  if (recent.items.length < ERRORS_BEFORE_LOCK) return;
  await table.update(userKey(user.id), 'SET login_status = :nok, login_status_last_blocked_at = :at ADD #version :one', {
    names: { '#version': 'version' },
    values: { ':nok': 'NOK', ':at': now.toISOString(), ':one': 1 },
  });
  logger.info('login locked', { userId: user.id });
}

/** Counts the login, remembers when it happened, and replaces a legacy or weaker hash. */
async function recordLogin(user: UserRecord, password: string, appVersion: string, now: Date): Promise<void> {
  const upgraded = needsUpgrade(user.password_hash) ? await hashPassword(password) : undefined;
  await table.update(
    userKey(user.id),
    `SET last_login_at = :now, last_login_app_version = :appVersion${upgraded ? ', password_hash = :hash' : ''} ADD qtde_login_senha_normal :one, #version :one`,
    {
      names: { '#version': 'version' },
      values: { ':now': now.toISOString(), ':appVersion': appVersion, ':one': 1, ...(upgraded ? { ':hash': upgraded } : {}) },
    },
  );
}
