/**
 * The analytics counters, kept as calls change so that no answer reads calls.
 *
 * Every status change of a call enqueues a `call-changed` job on the call-work
 * queue (calls/call-jobs.ts); its consumer calls `recordCallChange`, which reads
 * the call as stored now (so jobs may arrive in any order, or twice):
 * - a call in progress (IN_PROGRESS or ON_HOLD) gets an `ACTIVE_CALL` item, put
 *   only while the call is not counted yet, so a late job never revives it;
 * - a finished call is counted once: its `CALL_COUNTED` item is put if absent in
 *   the same transaction that adds it to the organization's hour and day counters,
 *   its agent's (user id) hour and day counters, its campaign's totals, and
 *   deletes its `ACTIVE_CALL` item. A replayed job fails the condition and
 *   changes nothing.
 * Calls are counted in the period they started in (`start_time`), as the
 * reference grouped them; `total_duration` sums completed calls' durations, as
 * its averages did. A finished inbound call that never reached an agent also
 * notifies who should call back (notifications/events.ts), before counting, with
 * ids that make a retry write nothing new.
 */
import { transact, type TransactItem } from '#shared/db/transactions';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { isFinal } from '../calls/call-status.ts';
import type { CallRecord } from '../calls/calls.ts';
import { activeCallKey, agentCallStatsKey, callCountedKey, callKey, callStatsKey, campaignCallStatsKey, type ItemKey } from '../keys.ts';
import { notifyMissedCall } from '../notifications/events.ts';
import { dayOf, hourOf } from './periods.ts';

/** A counted call's marker outlives any retry of its callbacks or jobs (SQS keeps a message 14 days at most). */
const COUNTED_TTL_SECONDS = 90 * 86_400;

export const isActive = (call: Pick<CallRecord, 'status'>): boolean => call.status === 'IN_PROGRESS' || call.status === 'ON_HOLD';

export async function recordCallChange(orgId: string, callId: string): Promise<void> {
  const call = await table.get<CallRecord>(callKey(orgId, callId), { consistent: true });
  if (!call) return;
  if (isActive(call)) await markActive(call);
  else if (isFinal(call.status)) {
    await notifyMissedCall(call);
    await countFinished(call);
  }
}

async function markActive(call: CallRecord): Promise<void> {
  try {
    await transact([
      { ConditionCheck: { Key: callCountedKey(call.organization_id, call.id), ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'call_counted' },
      { Put: { Item: { ...activeCallKey(call.organization_id, call.id), call_id: call.id, since: call.updated_at } } },
    ]);
  } catch (error) {
    if ((error as { code?: string }).code !== 'call_counted') throw error;
  }
}

/** The counters one finished call adds to. */
function increments(call: CallRecord): Record<string, number> {
  return {
    total: 1,
    inbound: call.direction === 'INBOUND' ? 1 : 0,
    outbound: call.direction === 'OUTBOUND' ? 1 : 0,
    completed: call.status === 'COMPLETED' ? 1 : 0,
    failed: call.status === 'FAILED' ? 1 : 0,
    no_answer: call.status === 'NO_ANSWER' ? 1 : 0,
    busy: call.status === 'BUSY' ? 1 : 0,
    canceled: call.status === 'CANCELED' ? 1 : 0,
    total_duration: call.status === 'COMPLETED' ? Math.max(0, Math.round(call.duration ?? 0)) : 0,
  };
}

/** An UpdateItem adding `counts` (names and values as placeholders: several are DynamoDB reserved words) and setting `fields`. */
function addTo(itemKey: ItemKey, counts: Record<string, number>, fields: Record<string, string>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(counts).map(([name, value], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return {
    Update: {
      Key: itemKey,
      UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

async function countFinished(call: CallRecord): Promise<void> {
  const orgId = call.organization_id;
  const started = new Date(call.start_time);
  const [hour, day] = [hourOf(started), dayOf(started)];
  const counts = increments(call);
  const items: TransactItem[] = [
    {
      Put: {
        Item: { ...callCountedKey(orgId, call.id), status: call.status, expiresAt: expiresAt(COUNTED_TTL_SECONDS) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      conflictCode: 'call_counted',
    },
    { Delete: { Key: activeCallKey(orgId, call.id) } },
    addTo(callStatsKey(orgId, 'HOUR', hour), counts, { period: hour }),
    addTo(callStatsKey(orgId, 'DAY', day), counts, { period: day }),
  ];
  if (call.agent_id) {
    items.push(addTo(agentCallStatsKey(orgId, call.agent_id, 'HOUR', hour), counts, { period: hour, user_id: call.agent_id }));
    items.push(addTo(agentCallStatsKey(orgId, call.agent_id, 'DAY', day), counts, { period: day, user_id: call.agent_id }));
  }
  if (call.campaign_id) items.push(addTo(campaignCallStatsKey(orgId, call.campaign_id), counts, { campaign_id: call.campaign_id }));
  try {
    await transact(items);
    logger.info('finished call counted', { callId: call.id, status: call.status });
  } catch (error) {
    if ((error as { code?: string }).code !== 'call_counted') throw error;
    logger.info('finished call already counted', { callId: call.id });
  }
}
