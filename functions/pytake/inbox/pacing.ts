/**
 * Pacing of outbound WhatsApp messages, as Meta meters them:
 *   - per number: ~80 messages/s (Cloud API throughput; 130429 beyond it);
 *   - per recipient on a number: one message every 6 s, with a burst (131056 beyond it).
 *
 * Each limit is a GCRA token bucket (the "theoretical arrival time", `tat`)
 * in one DynamoDB item. A send
 * *reserves* the next free slot instead of being refused: concurrent
 * consumers each get a distinct slot, so slots are spaced whatever the
 * concurrency, and a consumer waits for its slot (in process when it is under
 * a second away, otherwise the job goes back to the queue with an SQS delay
 * and keeps its reserved slot).
 *
 * The pure part (`reserveSlot`) is unit-tested; `reserve` adds the storage
 * without a read-modify-write, so consumers of one busy number never contend:
 * a rested bucket restarts at now with the only conditional write (it fails
 * only when the bucket is busy); a busy one moves its arrival time one
 * interval on with an atomic increment, which DynamoDB applies in turn.
 */
import * as table from '#shared/db/table';
import { paceKey } from '../keys.ts';

export interface Rate {
  /** Milliseconds between two sends once the burst is spent. */
  intervalMs: number;
  /** Sends allowed at once from a rested bucket. */
  burst: number;
}

export const NUMBER_RATE: Rate = { intervalMs: 1000 / 80, burst: 10 };
export const RECIPIENT_RATE: Rate = { intervalMs: 6000, burst: 5 };

/**
 * GCRA: a send asked for at `now` may go at `at` (≥ now), and the bucket's next
 * theoretical arrival time becomes `tat`. Sends reserved one after the other
 * are at least `intervalMs` apart once `burst` of them went at once.
 */
export function reserveSlot(rate: Rate, previousTat: number | undefined, now: number): { at: number; tat: number } {
  const tat = previousTat ?? now;
  const tolerance = (rate.burst - 1) * rate.intervalMs;
  const at = Math.max(now, tat - tolerance);
  return { at, tat: Math.max(tat, now) + rate.intervalMs };
}

/** Busy buckets are kept an hour: far longer than any backlog of reserved slots. */
const KEEP_SECONDS = 3600;

/** Reserves the next slot of one bucket at or after `notBefore` (ms); answers when the send may go. */
export async function reserve(scope: 'number' | 'recipient', ids: string[], rate: Rate, notBefore: number): Promise<number> {
  const key = paceKey(scope, ...ids);
  const now = Math.max(notBefore, Date.now());
  const expires = Math.ceil(now / 1000) + KEEP_SECONDS;
  const rested = reserveSlot(rate, undefined, now);
  const restarted = await table.update(key, 'SET tat = :tat, expiresAt = :expires', {
    condition: 'attribute_not_exists(tat) OR tat < :now',
    values: { ':tat': rested.tat, ':now': now, ':expires': expires },
  });
  if (restarted) return rested.at;
  const moved = await table.update<{ tat: number }>(key, 'SET tat = tat + :interval, expiresAt = :expires', {
    values: { ':interval': rate.intervalMs, ':expires': expires },
    returning: 'new',
  });
  // The arrival time before this reservation was one interval earlier, and at least now (the restart failed).
  return reserveSlot(rate, moved!.tat - rate.intervalMs, now).at;
}
