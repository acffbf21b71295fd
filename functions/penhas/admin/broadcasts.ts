/**
 * Broadcasts: an admin's in-app notification (and push) to a segment of the
 * accounts: all of them, a city's, those with a skill, or one account. The
 * request records the broadcast and queues its fan-out; nothing is sent in
 * the request.
 *
 * The fan-out runs on the `broadcast` queue in two kinds of job. A `page` job
 * reads one page of one shard of the active-accounts index (keys.ts: the user
 * item carries it while she is active, so no one else is read), the
 * segment's filter (city, skill) applied by DynamoDB on that page, queues
 * `users` jobs of up to 25 accounts, and queues the next page. A `users` job
 * notifies each account through `notify()`, once per broadcast (its event
 * key), and counts her delivery once. The shards are read in parallel.
 *
 * A broadcast is recorded `queued` before its first jobs are sent; if they
 * cannot be sent it is marked `failed` (the admin sees it in the answer and
 * the list, and sends it again), never left looking queued with nobody
 * reached.
 */
import { randomUUID } from 'node:crypto';
import { mapConcurrently } from '#shared/concurrency';
import { batchGet } from '#shared/db/batch';
import { putIfAbsent } from '#shared/db/conditions';
import { keyQuery } from '#shared/db/keys';
import { queryPage } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { expiresAt } from '#shared/db/ttl';
import { errorFacts, logger } from '#shared/observability/logger';
import { sendJobs } from '#shared/queue/send';
import { findUser } from '../accounts/users.ts';
import { itemNotFound } from '../errors.ts';
import { ACTIVE_ACCOUNT_SHARDS, activeAccountsPartition, BROADCASTS, broadcastDeliveryKey, broadcastKey, userKey } from '../keys.ts';
import { notify } from '../notifications/notify.ts';
import { queues } from '../resources.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, auditPut } from './audit.ts';

export type Segment =
  | { kind: 'all' }
  | { kind: 'city'; cidade: string; estado?: string }
  | { kind: 'skill'; skill: number }
  | { kind: 'user'; cliente_id: number };

export interface BroadcastRecord {
  id: string;
  title: string;
  content: string;
  push: boolean;
  segment: Segment;
  created_by: string;
  created_at: string;
  /** Accounts notified so far (each counted once). */
  delivered: number;
  /** `failed`: its fan-out could not be queued, so nobody was reached. */
  status: 'queued' | 'failed';
}

const PAGE_SIZE = 500;
const USERS_PER_JOB = 25;
const DELIVERY_DAYS = 30;

export type BroadcastJob =
  | { kind: 'page'; broadcastId: string; shard: number; startKey?: Record<string, unknown> }
  | { kind: 'users'; broadcastId: string; userIds: number[] };

/** Records the broadcast (with its audit entry) and queues its fan-out. */
export async function createBroadcast(
  caller: AdminCaller,
  input: { title: string; content: string; push: boolean; segment: Segment },
): Promise<BroadcastRecord> {
  if (input.segment.kind === 'user' && !(await findUser(input.segment.cliente_id))) throw itemNotFound();
  const now = new Date();
  const broadcast: BroadcastRecord = {
    id: randomUUID(),
    ...input,
    created_by: caller.adminId,
    created_at: now.toISOString(),
    delivered: 0,
    status: 'queued',
  };
  await transact([
    { Put: { Item: { ...broadcastKey(broadcast.id), gsi1pk: BROADCASTS, gsi1sk: `${broadcast.created_at}#${broadcast.id}`, ...broadcast } } },
    auditPut(auditEntry(caller, 'broadcast.create', { type: 'broadcast', id: broadcast.id }, { segment: input.segment.kind, push: input.push }, now)),
  ]);
  const jobs: BroadcastJob[] =
    input.segment.kind === 'user'
      ? [{ kind: 'users', broadcastId: broadcast.id, userIds: [input.segment.cliente_id] }]
      : Array.from({ length: ACTIVE_ACCOUNT_SHARDS }, (_, shard) => ({ kind: 'page', broadcastId: broadcast.id, shard }));
  try {
    await sendJobs(queues.broadcast, jobs);
  } catch (error) {
    logger.error('broadcast fan-out not queued; marked failed', { broadcastId: broadcast.id, ...errorFacts(error) });
    await table.update(broadcastKey(broadcast.id), 'SET #status = :failed', { names: { '#status': 'status' }, values: { ':failed': 'failed' } });
    return { ...broadcast, status: 'failed' };
  }
  return broadcast;
}

export async function listBroadcasts(options: { rows: number; next_page?: string }) {
  const page = await queryPage<BroadcastRecord & Record<string, unknown>>(
    { ...keyQuery({ index: 'gsi1', pk: BROADCASTS }), ScanIndexForward: false },
    { limit: options.rows, cursor: options.next_page, cursorField: 'next_page' },
  );
  return { rows: page.items.map(view), has_more: page.cursor ? (1 as const) : (0 as const), next_page: page.cursor ?? null };
}

// Broadcasts recorded before `status` existed were all queued.
const view = ({ id, title, content, push, segment, created_by, created_at, delivered, status = 'queued' }: BroadcastRecord): BroadcastRecord => ({
  id,
  title,
  content,
  push,
  segment,
  created_by,
  created_at,
  delivered,
  status,
});

/** The segment as a filter over the active-accounts index (every entry there is an active account's profile). */
function segmentFilter(segment: Segment): {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (segment.kind === 'city') {
    return {
      FilterExpression: segment.estado ? '#cidade = :cidade AND #estado = :estado' : '#cidade = :cidade',
      ExpressionAttributeNames: { '#cidade': 'cep_cidade', ...(segment.estado ? { '#estado': 'cep_estado' } : {}) },
      ExpressionAttributeValues: { ':cidade': segment.cidade, ...(segment.estado ? { ':estado': segment.estado } : {}) },
    };
  }
  if (segment.kind === 'skill') {
    return {
      FilterExpression: 'contains(#skills, :skill)',
      ExpressionAttributeNames: { '#skills': 'skills' },
      ExpressionAttributeValues: { ':skill': segment.skill },
    };
  }
  return {};
}

async function pageJob(broadcast: BroadcastRecord, job: Extract<BroadcastJob, { kind: 'page' }>): Promise<void> {
  const query = keyQuery({ index: 'gsi1', pk: activeAccountsPartition(job.shard) });
  const filter = segmentFilter(broadcast.segment);
  const page = await table.query<{ id: number }>({
    ...query,
    ...filter,
    ExpressionAttributeNames: { ...query.ExpressionAttributeNames, ...filter.ExpressionAttributeNames, '#id': 'id' },
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ...filter.ExpressionAttributeValues },
    ProjectionExpression: '#id',
    Limit: PAGE_SIZE,
    ExclusiveStartKey: job.startKey,
  });
  const ids = page.items.map((item) => Number(item.id)).filter(Number.isSafeInteger);
  const jobs: BroadcastJob[] = [];
  for (let i = 0; i < ids.length; i += USERS_PER_JOB) jobs.push({ kind: 'users', broadcastId: broadcast.id, userIds: ids.slice(i, i + USERS_PER_JOB) });
  if (page.lastKey) jobs.push({ kind: 'page', broadcastId: broadcast.id, shard: job.shard, startKey: page.lastKey });
  // A retried page queues its jobs again; each account is still notified once.
  await sendJobs(queues.broadcast, jobs);
}

async function usersJob(broadcast: BroadcastRecord, userIds: number[]): Promise<void> {
  // Accounts deleted or closed since they were found get nothing.
  const profiles = await batchGet<{ id: number; status: string }>(
    userIds.map((id) => userKey(id)),
    { attributes: ['id', 'status'] },
  );
  const active = profiles.filter((profile) => profile?.status === 'active').map((profile) => profile!.id);
  await mapConcurrently(active, 5, async (userId) => {
    await notify({
      userId: String(userId),
      type: 'broadcast',
      title: broadcast.title,
      content: broadcast.content,
      push: broadcast.push,
      onceKey: `broadcast:${broadcast.id}`,
      meta: { broadcast_id: broadcast.id },
    });
    const first = await putIfAbsent({ ...broadcastDeliveryKey(broadcast.id, userId), expiresAt: expiresAt(DELIVERY_DAYS * 86_400) });
    if (first) await table.update(broadcastKey(broadcast.id), 'ADD delivered :one', { values: { ':one': 1 } });
  });
}

export async function runBroadcastJob(job: BroadcastJob): Promise<void> {
  const broadcast = await table.get<BroadcastRecord>(broadcastKey(job.broadcastId), { consistent: true });
  if (!broadcast) return;
  if (job.kind === 'page') await pageJob(broadcast, job);
  else await usersJob(broadcast, job.userIds);
}
