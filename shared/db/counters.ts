/**
 * Counters on single items: sequences handing out increasing integer ids (for
 * APIs whose clients read ids as integers) and fixed-window request counters
 * for rate limits. Each is one UpdateItem with ADD, so concurrent callers never
 * get the same id or the same count.
 */
import { rateLimited } from '../errors.ts';
import type { Key } from './keys.ts';
import * as table from './table.ts';
import { expiresAt } from './ttl.ts';

/** The next value of the sequence stored at `sequence` (1, 2, 3…). */
export async function nextValue(sequence: Key): Promise<number> {
  const updated = await table.update<{ value: number }>(sequence, 'ADD #value :one', {
    names: { '#value': 'value' },
    values: { ':one': 1 },
    returning: 'new',
  });
  return updated?.value as number;
}

export interface FixedWindow {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /** The counter item of the window starting at `windowStart` (epoch seconds). */
  counterKey: (windowStart: number) => Key;
  /** The failure to raise when over the limit (default AppError rate_limited `too_many_requests`). */
  refuse?: (retryAfterSeconds: number) => Error;
}

/**
 * Counts one request in the current window; throws once the window's count
 * passes `limit`, with the seconds until the window ends. Counters expire (TTL)
 * a window after they end. Refused requests are counted too, as the original's
 * limiter did: hammering does not shorten the wait.
 */
export async function countRequest(window: FixedWindow, now = Date.now()): Promise<number> {
  const nowSeconds = Math.floor(now / 1000);
  const windowStart = nowSeconds - (nowSeconds % window.windowSeconds);
  const windowEnd = windowStart + window.windowSeconds;
  const updated = await table.update<{ count: number }>(window.counterKey(windowStart), 'ADD #count :one SET expiresAt = :expiresAt', {
    names: { '#count': 'count' },
    values: { ':one': 1, ':expiresAt': expiresAt(new Date((windowEnd + window.windowSeconds) * 1000)) },
    returning: 'new',
  });
  const count = updated?.count as number;
  if (count > window.limit) {
    const retryAfter = Math.max(1, windowEnd - nowSeconds);
    throw window.refuse ? window.refuse(retryAfter) : rateLimited(retryAfter);
  }
  return count;
}
