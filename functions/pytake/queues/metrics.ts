/**
 * Queue metrics (the original's `QueueMetrics`) and CSAT ratings.
 *
 * Each time a conversation leaves a queue for an agent (a pull, routing, an
 * assignment), its wait is stored as a sample (`QUEUE_WAIT#<queue>#<at>#<id>`),
 * so the period's average, median (percentile, as the original's roadmap asks
 * of `percentile_cont(0.5)`) and SLA compliance read one key range. Ratings
 * are one per conversation (1-5), stored under the conversation's queue; the
 * CSAT score is the share of 4s and 5s, 0-100. Samples and ratings are kept
 * 91 days (the longest period is 90).
 */
import { queryAll } from '#shared/db/pagination';
import { AppError, conflict } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { objectNotFound } from '../errors.ts';
import type { ConversationRecord } from '../inbox/inbox.ts';
import { CONVERSATION_PREFIX, conversationKey, orgPartition, queueWaitKey, queueWaitPrefix, ratingKey, ratingOfKey, ratingPrefix } from '../keys.ts';
import { getQueue } from './queues.ts';

const KEPT_SECONDS = 91 * 24 * 3600;
const expiresAt = () => Math.floor(Date.now() / 1000) + KEPT_SECONDS;

interface Waited {
  organization_id: string;
  id: string;
  queue_id: string | null;
  queued_at?: string | null;
  assigned_at?: string | null;
  current_agent_id: string | null;
}

/** Stores the wait of a conversation just taken from its queue; answers the conversation. */
export async function recordWait<C extends Waited>(conversation: C): Promise<C> {
  const { queue_id: queueId, queued_at: queuedAt, assigned_at: assignedAt } = conversation;
  if (!queueId || !queuedAt || !assignedAt) return conversation;
  await table.put({
    ...queueWaitKey(conversation.organization_id, queueId, assignedAt, conversation.id),
    conversation_id: conversation.id,
    agent_id: conversation.current_agent_id,
    wait_seconds: Math.max(0, (Date.parse(assignedAt) - Date.parse(queuedAt)) / 1000),
    expiresAt: expiresAt(),
  });
  return conversation;
}

/** The value below which `share` of the sorted values fall, interpolated between neighbours (PostgreSQL's `percentile_cont`). Pure. */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (!sorted.length) return null;
  const position = (sorted.length - 1) * share;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return (sorted[below] as number) + ((sorted[above] as number) - (sorted[below] as number)) * (position - below);
}

const inPeriod = (orgId: string, prefix: string, from: string) => keyQuery({ pk: orgPartition(orgId), sk: { between: [`${prefix}${from}`, `${prefix}~`] } });

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export async function queueMetrics(orgId: string, queueId: string, days: number, now = new Date()) {
  const queue = await getQueue(orgId, queueId);
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = 86_400_000;
  const periodStart = iso(now.getTime() - days * day);
  const todayStart = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const last24h = iso(now.getTime() - day);

  const base = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CONVERSATION_PREFIX } });
  const [conversations, samples, ratings] = await Promise.all([
    queryAll<{ status: string; created_at: string; closed_at: string | null }>({
      ...base,
      FilterExpression: 'queue_id = :queue',
      ProjectionExpression: '#status, created_at, closed_at',
      ExpressionAttributeNames: { ...base.ExpressionAttributeNames, '#status': 'status' },
      ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':queue': queueId },
    }),
    queryAll<{ wait_seconds: number }>(inPeriod(orgId, queueWaitPrefix(queueId), periodStart)),
    queryAll<{ score: number }>(inPeriod(orgId, ratingPrefix(queueId), periodStart)),
  ]);

  const since = (from: string) => conversations.filter((c) => c.created_at >= from);
  const period = since(periodStart);
  const closed = period.filter((c) => c.status === 'closed' && c.closed_at);
  const waits = samples.map((s) => s.wait_seconds).sort((a, b) => a - b);
  const violations = queue.sla_minutes ? waits.filter((w) => w > (queue.sla_minutes as number) * 60).length : 0;
  const volumeByHour = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0 }));
  for (const c of since(last24h)) (volumeByHour[new Date(c.created_at).getUTCHours()] as { count: number }).count += 1;

  return {
    queue_id: queue.id,
    queue_name: queue.name,
    total_conversations: conversations.length,
    conversations_today: since(todayStart).length,
    conversations_last_7_days: since(iso(now.getTime() - 7 * day)).length,
    conversations_last_30_days: since(iso(now.getTime() - 30 * day)).length,
    queued_conversations: conversations.filter((c) => c.status === 'queued').length,
    active_conversations: conversations.filter((c) => c.status === 'active').length,
    average_wait_time_seconds: round(mean(waits)),
    median_wait_time_seconds: round(percentile(waits, 0.5)),
    p90_wait_time_seconds: round(percentile(waits, 0.9)),
    wait_samples: waits.length,
    // The original's first-response time needs per-agent reply tracking it never stored; null as there.
    average_response_time_seconds: null,
    average_resolution_time_seconds: round(mean(closed.map((c) => (Date.parse(c.closed_at as string) - Date.parse(c.created_at)) / 1000))),
    sla_minutes: queue.sla_minutes,
    sla_compliance_rate: queue.sla_minutes && waits.length ? round(((waits.length - violations) / waits.length) * 100) : null,
    sla_violations: violations,
    customer_satisfaction_score: ratings.length ? round((ratings.filter((r) => r.score >= 4).length / ratings.length) * 100) : null,
    average_rating: round(mean(ratings.map((r) => r.score))),
    ratings_count: ratings.length,
    resolution_rate: period.length ? round((closed.length / period.length) * 100) : null,
    volume_by_hour: volumeByHour,
    period_start: periodStart,
    period_end: now.toISOString(),
  };
}

export interface RatingInput {
  score: number;
  comment?: string | null;
}

/** The conversation's CSAT rating: once (409 after), by staff recording the customer's answer. */
export async function rateConversation(orgId: string, conversationId: string, ratedBy: string, input: RatingInput) {
  const conversation = await table.get<ConversationRecord>(conversationKey(orgId, conversationId), { consistent: true });
  if (!conversation) throw objectNotFound('Conversation');
  const now = new Date().toISOString();
  const rating = {
    conversation_id: conversation.id,
    queue_id: conversation.queue_id,
    agent_id: conversation.current_agent_id,
    score: input.score,
    comment: input.comment ?? null,
    rated_by: ratedBy,
    created_at: now,
  };
  await transact([
    { Put: { Item: { ...ratingOfKey(orgId, conversationId), ...rating }, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'already_rated' },
    ...(conversation.queue_id
      ? [{ Put: { Item: { ...ratingKey(orgId, conversation.queue_id, now, conversationId), ...rating, expiresAt: expiresAt() } } }]
      : []),
  ]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'already_rated') throw conflict('already_rated', 'Conversation already rated');
    throw error;
  });
  return rating;
}
