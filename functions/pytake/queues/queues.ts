/**
 * Queues of an organization (`QUEUE#<id>`): the original's fields (priority
 * 0-100, SLA minutes, routing mode, auto-assign, conversations per agent,
 * overflow queue). A queue belongs to a department of the organization, and
 * its overflow queue must be another of the organization's queues.
 *
 * The waiting line itself is the `QUEUED#…` items that transfers write and
 * `POST /queue/pull` takes (../inbox/inbox.ts).
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { objectNotFound } from '../errors.ts';
import { departmentKey, type ItemKey, orgPartition, QUEUE_PREFIX, queueKey } from '../keys.ts';

export interface QueueInput {
  department_id: string;
  name: string;
  slug: string;
  description?: string | null;
  color?: string;
  icon?: string | null;
  is_active?: boolean;
  priority?: number;
  sla_minutes?: number | null;
  routing_mode?: string;
  auto_assign_conversations?: boolean;
  max_conversations_per_agent?: number;
  max_queue_size?: number | null;
  overflow_queue_id?: string | null;
  settings?: Record<string, unknown>;
}

export type QueueRecord = ItemKey & Required<QueueInput> & { id: string; organization_id: string; created_at: string; updated_at: string };

const DEFAULTS = {
  description: null,
  color: '#10B981',
  icon: null,
  is_active: true,
  priority: 50,
  sla_minutes: null,
  routing_mode: 'round_robin',
  auto_assign_conversations: true,
  max_conversations_per_agent: 10,
  max_queue_size: null,
  overflow_queue_id: null,
  settings: {},
};

async function checkReferences(orgId: string, input: Partial<QueueInput>, self?: string): Promise<void> {
  if (input.department_id && !(await table.get(departmentKey(orgId, input.department_id), { consistent: true }))) throw objectNotFound('Department');
  if (input.overflow_queue_id && (input.overflow_queue_id === self || !(await table.get(queueKey(orgId, input.overflow_queue_id), { consistent: true }))))
    throw objectNotFound('Overflow queue');
}

export async function createQueue(orgId: string, input: QueueInput): Promise<QueueRecord> {
  await checkReferences(orgId, input);
  const id = randomUUID();
  const now = new Date().toISOString();
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const record = { ...queueKey(orgId, id), ...DEFAULTS, ...defined, id, organization_id: orgId, created_at: now, updated_at: now } as QueueRecord;
  await table.put(record, { condition: 'attribute_not_exists(pk)' });
  return record;
}

export async function getQueue(orgId: string, id: string): Promise<QueueRecord> {
  const record = await table.get<QueueRecord>(queueKey(orgId, id), { consistent: true });
  if (!record) throw objectNotFound('Queue');
  return record;
}

export async function listQueues(orgId: string): Promise<QueueRecord[]> {
  const items: QueueRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<QueueRecord>({ ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: QUEUE_PREFIX } }), ExclusiveStartKey: lastKey });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  return items.sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
}

export async function updateQueue(orgId: string, id: string, input: Partial<QueueInput>): Promise<QueueRecord> {
  const current = await getQueue(orgId, id);
  await checkReferences(orgId, input, id);
  const next = { ...current, updated_at: new Date().toISOString() } as QueueRecord;
  for (const [name, value] of Object.entries(input)) if (value !== undefined) (next as unknown as Record<string, unknown>)[name] = value;
  if (!(await table.put(next, { condition: 'updated_at = :at', values: { ':at': current.updated_at } }))) return updateQueue(orgId, id, input);
  return next;
}

export async function deleteQueue(orgId: string, id: string): Promise<void> {
  await getQueue(orgId, id);
  await table.delete(queueKey(orgId, id));
}

export const queueView = ({ pk: _pk, sk: _sk, ...view }: QueueRecord) => view;

/** Removes those of the ids that are the organization's queues; answers how many (another organization's ids are simply not found). */
export async function deleteQueues(orgId: string, ids: string[]): Promise<number> {
  let deleted = 0;
  for (const id of new Set(ids)) if (await table.delete(queueKey(orgId, id), { returning: 'old' })) deleted += 1;
  return deleted;
}
