/**
 * SLA alerts. A conversation that enters a queue with `sla_minutes` carries,
 * on its waiting (`QUEUED#…`) item, a timer in the SLA index: due at 80% of
 * the SLA (the original's `nearing_threshold`: `warning`), then at 100%
 * (`critical`). Every minute the sweep reads the timers due by now from each
 * index partition (a Query, never a Scan), moves each to its next threshold
 * with a conditional write, and only the writer that moved it announces
 * `sla:warning` live and notifies the queue's department agents and the
 * organization's admins: once per conversation and threshold, however many
 * sweeps overlap. A pull or an assignment deletes the waiting item, timer
 * and all, so a conversation taken in time never alerts.
 */
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { publishEvent } from '../inbox/events.ts';
import { type ItemKey, SLA_SHARDS, slaDueIndexKeys, slaDuePartition } from '../keys.ts';
import { notifySla } from '../notifications/notify.ts';
import type { QueueRecord } from './queues.ts';

/** Share of the SLA after which a waiting conversation is `warning`. */
export const WARNING_SHARE = 0.8;

type Stage = 'warning' | 'critical';

interface SlaTimer extends ItemKey {
  organization_id: string;
  conversation_id: string;
  queue_id: string;
  queue_name: string;
  department_id: string;
  queued_at: string;
  sla_minutes: number;
  sla_stage: Stage | 'done';
  gsi1sk: string;
}

const dueAt = (queuedAt: string, slaMinutes: number, stage: Stage) =>
  new Date(Date.parse(queuedAt) + slaMinutes * 60_000 * (stage === 'warning' ? WARNING_SHARE : 1)).toISOString();

/** The timer fields of a waiting item for a queue with an SLA (none without one). */
export function slaTimer(orgId: string, queue: Pick<QueueRecord, 'name' | 'sla_minutes'> | undefined, queuedAt: string, conversationId: string) {
  if (!queue?.sla_minutes) return {};
  return {
    ...slaDueIndexKeys(orgId, conversationId, dueAt(queuedAt, queue.sla_minutes, 'warning')),
    organization_id: orgId,
    queue_name: queue.name,
    queued_at: queuedAt,
    sla_minutes: queue.sla_minutes,
    sla_stage: 'warning' as const,
  };
}

/** Fires every timer due by `now`; answers how many alerts went out. */
export async function sweepSla(now = new Date()): Promise<number> {
  let alerts = 0;
  for (let shard = 0; shard < SLA_SHARDS; shard++) {
    let lastKey: Record<string, unknown> | undefined;
    do {
      const page = await table.query<SlaTimer>({
        ...keyQuery({ index: 'gsi1', pk: slaDuePartition(shard), sk: { lessThan: `${now.toISOString()}~` } }),
        ExclusiveStartKey: lastKey,
      });
      for (const timer of page.items) alerts += await fire(timer, now);
      lastKey = page.lastKey;
    } while (lastKey);
  }
  return alerts;
}

/** Moves the timer past its stage (only if nobody did, and the conversation still waits), then alerts; a critical stage already due too fires at once. */
async function fire(timer: SlaTimer, now: Date): Promise<number> {
  if (timer.sla_stage === 'done') return 0;
  const stage = timer.sla_stage;
  const moved =
    stage === 'warning'
      ? await table.update({ pk: timer.pk, sk: timer.sk }, 'SET sla_stage = :next, gsi1sk = :due', {
          condition: 'sla_stage = :stage AND gsi1sk = :was',
          values: {
            ':stage': stage,
            ':was': timer.gsi1sk,
            ':next': 'critical',
            ':due': slaDueIndexKeys(timer.organization_id, timer.conversation_id, dueAt(timer.queued_at, timer.sla_minutes, 'critical')).gsi1sk,
          },
        })
      : await table.update({ pk: timer.pk, sk: timer.sk }, 'SET sla_stage = :next REMOVE gsi1pk, gsi1sk', {
          condition: 'sla_stage = :stage AND gsi1sk = :was',
          values: { ':stage': stage, ':was': timer.gsi1sk, ':next': 'done' },
        });
  if (!moved) return 0;
  const waited = (now.getTime() - Date.parse(timer.queued_at)) / 60_000;
  const alert = {
    conversation_id: timer.conversation_id,
    queue_id: timer.queue_id,
    queue_name: timer.queue_name,
    department_id: timer.department_id,
    queued_at: timer.queued_at,
    sla_minutes: timer.sla_minutes,
    waited_minutes: Math.floor(waited),
    severity: stage,
  };
  await publishEvent(timer.organization_id, { type: 'sla:warning', ...alert, progress: Math.round((waited / timer.sla_minutes) * 100) / 100 });
  await notifySla(timer.organization_id, alert);
  const criticalDue = stage === 'warning' && dueAt(timer.queued_at, timer.sla_minutes, 'critical') <= now.toISOString();
  if (!criticalDue) return 1;
  const next = await table.get<SlaTimer>({ pk: timer.pk, sk: timer.sk }, { consistent: true });
  return 1 + (next ? await fire(next, now) : 0);
}
