/**
 * Brute-force protection, set far above what a person or a dashboard does:
 *  - per address: 30 logins and 10 registrations a minute (a shared office
 *    NAT stays well under);
 *  - per e-mail: after 10 wrong passwords within a 15-minute window, logins
 *    for that e-mail are refused with 429 until the window ends, whatever the
 *    password, so guessing costs an attacker the window and nothing else.
 * Counters are fixed-window items with a TTL (shared/db/counters.ts).
 */
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { rateLimited } from '#shared/errors';
import { normalizeEmail, rateKey } from '../keys.ts';

const LOGINS_PER_MINUTE_PER_ADDRESS = 30;
const REGISTRATIONS_PER_MINUTE_PER_ADDRESS = 10;
const FAILURES_PER_WINDOW = 10;
const FAILURE_WINDOW_SECONDS = 15 * 60;

const tooMany = (retryAfterSeconds: number) => rateLimited(retryAfterSeconds, 'too_many_requests', 'Too many requests, try again later');

/** IPv6 clients are counted by their /64-ish prefix, as they can change the rest freely. */
const addressOf = (sourceIp: string) => (sourceIp.includes(':') ? sourceIp.split(':').slice(0, 4).join(':') : sourceIp);

export const countLogin = (sourceIp: string) =>
  countRequest({
    limit: LOGINS_PER_MINUTE_PER_ADDRESS,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('login', addressOf(sourceIp), windowStart),
    refuse: tooMany,
  });

export const countRegistration = (sourceIp: string) =>
  countRequest({
    limit: REGISTRATIONS_PER_MINUTE_PER_ADDRESS,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('register', addressOf(sourceIp), windowStart),
    refuse: tooMany,
  });

function failureWindow(email: string, now: number) {
  const nowSeconds = Math.floor(now / 1000);
  const start = nowSeconds - (nowSeconds % FAILURE_WINDOW_SECONDS);
  return { key: rateKey('login-failures', normalizeEmail(email), start), end: start + FAILURE_WINDOW_SECONDS, nowSeconds };
}

/** 429 while the e-mail's failures of this window have reached the limit. */
export async function checkFailures(email: string, now = Date.now()): Promise<void> {
  const window = failureWindow(email, now);
  const counter = await table.get<{ count?: number }>(window.key, { consistent: true });
  if ((counter?.count ?? 0) >= FAILURES_PER_WINDOW) throw tooMany(Math.max(1, window.end - window.nowSeconds));
}

export async function recordFailure(email: string, now = Date.now()): Promise<void> {
  const window = failureWindow(email, now);
  await table.update(window.key, 'ADD #count :one SET expiresAt = :expiresAt', {
    names: { '#count': 'count' },
    values: { ':one': 1, ':expiresAt': expiresAt(new Date((window.end + FAILURE_WINDOW_SECONDS) * 1000)) },
  });
}
