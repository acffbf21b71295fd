/** How the `push` queue retries. Pure: the manifest and the consumer read it. */

/** Receives of one push job before it goes to the `push` queue's dead-letter queue (and its alarm). */
export const PUSH_MAX_RECEIVES = 5;

/** Seconds before a failed push is tried again: 5, 10, 20, 40 (capped), from `PUSH_RETRY_BASE_SECONDS` (default 5). */
export function pushRetryDelaySeconds(receiveCount: number, baseSeconds = Number(process.env.PUSH_RETRY_BASE_SECONDS ?? 5), capSeconds = 300): number {
  const base = Number.isFinite(baseSeconds) && baseSeconds >= 0 ? baseSeconds : 5;
  return Math.min(capSeconds, Math.round(base * 2 ** Math.max(0, receiveCount - 1)));
}
