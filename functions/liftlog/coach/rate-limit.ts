/**
 * AI requests per pro token over a rolling 24 hours: 100 for the web key, 20
 * for store purchases. The limit-th request still succeeds; the next is
 * refused with the seconds until the oldest counted request leaves the window.
 *
 * Key: pk `RATE#<sha256(token)>`, sk `RATE`, holding the times (epoch ms) of
 * at most `limit` recent requests and a version bumped by every write. A
 * request is counted by one conditional append ("fewer than `limit` times
 * listed"), so concurrent requests never take the same slot and never wait on
 * each other. Only when the list is full are the times older than the window
 * dropped, by a write conditioned on the version read. The item expires (TTL)
 * a day after its newest request.
 */
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { rateLimited } from '#shared/errors';
import type { ProCredential, Store } from './auth/pro-token.ts';
import { rateKey, type ItemKey } from '../keys.ts';
import { coachConfig } from './config.ts';

const RATE_WINDOW_MS = 24 * 60 * 60 * 1000;
const LIMITS: Record<Store, number> = { Web: 100, RevenueCat: 20, GooglePlay: 20, AppleAppStore: 20 };
const MAX_ATTEMPTS = 10;

const dayFrom = (now: number) => expiresAt(RATE_WINDOW_MS / 1000, new Date(now));

/** Counts one AI request for `credential`; AppError('rate_limited') with Retry-After seconds when over the limit. */
export async function consumeAiRequest(credential: ProCredential): Promise<void> {
  if ((await coachConfig()).TEST_MODE) return;
  const itemKey = rateKey(credential.token);
  const limit = LIMITS[credential.store];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = Date.now();
    if (await appendIfRoom(itemKey, limit, now)) return;
    const counted = await table.get<{ requests?: number[]; version: number }>(itemKey, { consistent: true });
    const listed = counted?.requests ?? [];
    const inWindow = listed.filter((at) => at > now - RATE_WINDOW_MS);
    if (inWindow.length >= limit) {
      throw rateLimited(Math.max(1, Math.ceil((Math.min(...inWindow) + RATE_WINDOW_MS - now) / 1000)));
    }
    await dropExpired(itemKey, counted?.version as number, inWindow, now);
  }
  throw rateLimited(1, 'rate_limit_contention', 'too many concurrent requests for this token');
}

function appendIfRoom(itemKey: ItemKey, limit: number, now: number): Promise<boolean> {
  return table.update(itemKey, 'SET requests = list_append(if_not_exists(requests, :none), :now), expiresAt = :expiresAt ADD #version :one', {
    condition: 'attribute_not_exists(requests) OR size(requests) < :limit',
    names: { '#version': 'version' },
    values: { ':none': [], ':now': [now], ':expiresAt': dayFrom(now), ':one': 1, ':limit': limit },
  });
}

/** Keeps only `inWindow`, unless another request wrote since `readVersion` (then the caller simply tries again). */
async function dropExpired(itemKey: ItemKey, readVersion: number, inWindow: number[], now: number): Promise<void> {
  await table.put(
    { ...itemKey, requests: inWindow, version: readVersion + 1, expiresAt: dayFrom(now) },
    { condition: '#version = :read', names: { '#version': 'version' }, values: { ':read': readVersion } },
  );
}
