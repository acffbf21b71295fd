/**
 * How many calls wait in each of an organization's Twilio queues, known
 * without asking Twilio and without a Scan: a counter item per queue
 * (`QUEUE_SIZE#<queue>`), moved only in the same transaction as the call's
 * marker (`QUEUED_CALL#<call>`).
 *
 * - In: the IVR answers a call with `<Enqueue>` (twilio-voice, twilio-gather).
 *   The marker is put only if absent, so a retried answer counts the call once.
 * - Out: whichever comes first of Twilio's `<Enqueue action>` request (the call
 *   left its queue: `QueueResult`) and the call's final status callback. The
 *   marker moves WAITING → LEFT under a condition, so the second one, a replay
 *   or a concurrent one changes nothing; the counter's own condition
 *   (`size > 0`) keeps it from ever going negative.
 *
 * A call is counted into a queue once: the marker stays (LEFT) for a day, so a
 * replayed answer after it left cannot count it again. Every change is
 * announced live (`queue:size`, to supervisors and admins) with the size read
 * back after the write.
 *
 * Concurrent callbacks on one call conflict inside DynamoDB: `transact` retries
 * a conflict, and a lost race ends as a failed condition, which here means
 * "already done", never an error for Twilio.
 */
import { AppError } from '#shared/errors';
import { keyQuery, PK } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { orgPartition, QUEUE_SIZE_PREFIX, queuedCallKey, queueSizeKey } from '../keys.ts';
import { publishLiveEvent } from '../live/live.ts';

/** An IVR option's queue, or the organization's default one, as calls/names.ts names it on Twilio. */
export const queueOf = (target: string | null | undefined): string => target || 'default';

/** Why a call left its queue: Twilio's `QueueResult`, or the call ended first. */
export const LEAVE_REASONS = ['bridged', 'bridging-in-process', 'queue-full', 'redirected', 'leave', 'hangup', 'error', 'system-error', 'call-ended'] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

interface QueuedCall {
  call_id: string;
  queue: string;
  state: 'WAITING' | 'LEFT';
}

interface QueueSizeItem {
  queue: string;
  size: number;
}

export interface QueueSize {
  queue: string;
  size: number;
}

/** A marker outlives any wait in a Twilio queue, so replays of the same answer find it. */
const MARKER_SECONDS = 24 * 60 * 60;
/** Rounds of `transact` (each retries conflicts itself) before a change is given up and logged. */
const ROUNDS = 3;
const ALREADY_DONE = 'queue_change_already_done';
const QUEUE_EMPTY = 'queue_already_empty';

/** Counts the call into `target`'s queue once; a repeated answer for the same call changes nothing. */
export async function countIn(organizationId: string, callId: string, target: string | null): Promise<void> {
  const queue = queueOf(target);
  const now = new Date();
  const outcome = await settle([
    {
      Put: {
        Item: {
          ...queuedCallKey(organizationId, callId),
          call_id: callId,
          queue,
          state: 'WAITING',
          since: now.toISOString(),
          expiresAt: expiresAt(MARKER_SECONDS, now),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      },
      conflictCode: ALREADY_DONE,
    },
    {
      Update: {
        Key: queueSizeKey(organizationId, queue),
        UpdateExpression: 'ADD #size :one SET #queue = :queue',
        ExpressionAttributeNames: { '#size': 'size', '#queue': 'queue' },
        ExpressionAttributeValues: { ':one': 1, ':queue': queue },
      },
    },
  ]);
  logger.info(outcome === 'written' ? 'call counted into its queue' : 'call already counted into a queue', { callId, queue, outcome });
  if (outcome === 'written') await announce(organizationId, queue);
}

/** Counts the call out of its queue once, if it is waiting in one; anything else (never queued, already out) changes nothing. */
export async function countOut(organizationId: string, callId: string, reason: LeaveReason): Promise<void> {
  const marker = await table.get<QueuedCall>(queuedCallKey(organizationId, callId), { consistent: true });
  if (marker?.state !== 'WAITING') return;
  const outcome = await settle([
    {
      Update: {
        Key: queuedCallKey(organizationId, callId),
        UpdateExpression: 'SET #state = :left, left_at = :now, left_reason = :reason',
        ConditionExpression: '#state = :waiting',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':left': 'LEFT', ':waiting': 'WAITING', ':now': new Date().toISOString(), ':reason': reason },
      },
      conflictCode: ALREADY_DONE,
    },
    {
      Update: {
        Key: queueSizeKey(organizationId, marker.queue),
        UpdateExpression: 'ADD #size :minusOne',
        ConditionExpression: '#size > :zero',
        ExpressionAttributeNames: { '#size': 'size' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      },
      conflictCode: QUEUE_EMPTY,
    },
  ]);
  if (outcome === QUEUE_EMPTY) logger.error('a waiting call found its queue counter at zero', { callId, queue: marker.queue });
  logger.info(outcome === 'written' ? 'call counted out of its queue' : 'call already counted out of its queue', {
    callId,
    queue: marker.queue,
    reason,
    outcome,
  });
  if (outcome === 'written') await announce(organizationId, marker.queue);
}

/** The organization's queues with the calls waiting in each (0 once emptied), by name. */
export async function queueSizes(organizationId: string): Promise<{ queues: QueueSize[]; total_waiting: number }> {
  const items = await queryAll<QueueSizeItem>({
    ...keyQuery({ pk: orgPartition(organizationId), sk: { beginsWith: QUEUE_SIZE_PREFIX } }),
    ConsistentRead: true,
  });
  const queues = items.map((item) => ({ queue: item.queue, size: Math.max(0, item.size ?? 0) })).sort((a, b) => a.queue.localeCompare(b.queue));
  return { queues, total_waiting: queues.reduce((sum, q) => sum + q.size, 0) };
}

/** Runs the transaction: `written`, or the conflict code of the condition that failed (the change was made by someone else). */
async function settle(items: TransactItem[]): Promise<'written' | typeof ALREADY_DONE | typeof QUEUE_EMPTY | 'gave_up'> {
  for (let round = 1; round <= ROUNDS; round++) {
    try {
      await transact(items);
      return 'written';
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === ALREADY_DONE || error.code === QUEUE_EMPTY) return error.code;
      if (error.code !== 'transaction_conflict') throw error;
    }
  }
  // Still contended after every round: the count is left as it is rather than failing Twilio's request.
  logger.error('queue size change given up after repeated transaction conflicts');
  return 'gave_up';
}

async function announce(organizationId: string, queue: string): Promise<void> {
  const counter = await table.get<QueueSizeItem>(queueSizeKey(organizationId, queue), { consistent: true });
  await publishLiveEvent(organizationId, { type: 'queue:size', queue, size: Math.max(0, counter?.size ?? 0) });
}
