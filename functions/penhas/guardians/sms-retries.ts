/** How the `sms` queue retries a failed SMS. Pure: the manifest and the consumer read it. */

/** Receives of one SMS job before it goes to the `sms` queue's dead-letter queue (and its alarm). */
export const SMS_MAX_RECEIVES = 5;

/** Seconds before a failed SMS is tried again: 5, 10, 20, 40… (capped), from `SMS_RETRY_BASE_SECONDS` (default 5). */
export function retryDelaySeconds(receiveCount: number, baseSeconds = Number(process.env.SMS_RETRY_BASE_SECONDS ?? 5), capSeconds = 300): number {
  const base = Number.isFinite(baseSeconds) && baseSeconds >= 0 ? baseSeconds : 5;
  return Math.min(capSeconds, Math.round(base * 2 ** Math.max(0, receiveCount - 1)));
}
