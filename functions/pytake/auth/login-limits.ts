/**
 * Brute-force limits a normal client never meets (a login or two a minute is
 * normal):
 *   - per client IP, 30 login attempts a minute and 10 registrations an hour
 *     (counted whatever the outcome, keyed on the gateway's source IP);
 *   - per account (the e-mail, known or not, so the answer tells nothing), 10
 *     failed passwords in a 15-minute window; after that the account refuses
 *     every password, the right one too, until the window ends.
 * All answer 429 with Retry-After. Counters are fixed windows on single items
 * (shared/db/counters.ts) that expire by TTL.
 */
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { tooManyAttempts } from '../errors.ts';
import { normalizeEmail, rateKey, subjectHash } from '../keys.ts';

export const LOGINS_PER_IP_PER_MINUTE = 30;
export const REGISTRATIONS_PER_IP_PER_HOUR = 10;
export const FAILURES_PER_ACCOUNT = 10;
export const FAILURE_WINDOW_SECONDS = 15 * 60;

export const countLoginFromIp = (ip: string) =>
  countRequest({
    limit: LOGINS_PER_IP_PER_MINUTE,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('login-ip', ip, windowStart),
    refuse: tooManyAttempts,
  });

export const countRegistrationFromIp = (ip: string) =>
  countRequest({
    limit: REGISTRATIONS_PER_IP_PER_HOUR,
    windowSeconds: 60 * 60,
    counterKey: (windowStart) => rateKey('register-ip', ip, windowStart),
    refuse: tooManyAttempts,
  });

function failureWindow(email: string, now: number) {
  const nowSeconds = Math.floor(now / 1000);
  const start = nowSeconds - (nowSeconds % FAILURE_WINDOW_SECONDS);
  return { key: rateKey('login-failures', subjectHash(normalizeEmail(email)), start), end: start + FAILURE_WINDOW_SECONDS, nowSeconds };
}

/** Refuses (429) while the account has used up its failures of the current window. */
export async function checkAccountNotLocked(email: string, now = Date.now()): Promise<void> {
  const window = failureWindow(email, now);
  const counter = await table.get<{ count: number }>(window.key, { consistent: true });
  if ((counter?.count ?? 0) >= FAILURES_PER_ACCOUNT) throw tooManyAttempts(Math.max(1, window.end - window.nowSeconds));
}

/** Counts one wrong password (or unknown e-mail) against the account. */
export async function recordFailure(email: string, now = Date.now()): Promise<void> {
  const window = failureWindow(email, now);
  await table.update(window.key, 'ADD #count :one SET expiresAt = :expiresAt', {
    names: { '#count': 'count' },
    values: { ':one': 1, ':expiresAt': expiresAt(new Date((window.end + FAILURE_WINDOW_SECONDS) * 1000)) },
  });
}
