/**
 * The agents' inbox: conversations as the routes read and change them. Each
 * change is one conditional write or one transaction, so a conversation is
 * never half assigned, queued twice or closed with its lookups left behind.
 *
 * Statuses: `open` (just opened by the customer), `queued` (waiting in a
 * queue: a `QUEUED#…` item sorts it for `POST /queue/pull`), `active` (an agent
 * has it), `closed` (its open-conversation lookup is gone, so the customer's
 * next message opens a new one).
 *
 * Lists read one status's conversations from the index (gsi1), or the
 * organization's `CONVERSATION#` items, with a Query (never a Scan), and
 * filter on agent, queue, department and tag.
 */
import { AppError, conflict } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { objectNotFound } from '../errors.ts';
import {
  CONVERSATION_PREFIX,
  contactKey,
  conversationIndexKeys,
  conversationKey,
  departmentKey,
  messagePrefix,
  openConversationKey,
  orgPartition,
  queuedKey,
  queueKey,
  userKey,
  whatsappNumberKey,
  type ItemKey,
} from '../keys.ts';
import { candidatesOf, chooseAgent, waitingIn } from '../queues/routing.ts';
import { notifyAssigned } from '../notifications/notify.ts';
import { recordWait } from '../queues/metrics.ts';
import { slaTimer } from '../queues/sla.ts';
import type { QueueRecord } from '../queues/queues.ts';
import { openConversation } from './conversations.ts';
import { publishEvent } from './events.ts';
import type { MessageRecord } from './messages.ts';

export interface ConversationRecord extends ItemKey {
  id: string;
  organization_id: string;
  contact_id: string;
  whatsapp_number_id: string;
  status: string;
  current_agent_id: string | null;
  department_id: string | null;
  queue_id: string | null;
  queue_priority: number;
  queued_at?: string | null;
  /** The sort key of its `QUEUED#…` item while it waits in a queue. */
  queued_sk?: string;
  tags: string[];
  window_expires_at?: string;
  unread_count?: number;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export const conversationNotFound = () => objectNotFound('Conversation');

export async function getConversation(orgId: string, conversationId: string): Promise<ConversationRecord> {
  const record = await table.get<ConversationRecord>(conversationKey(orgId, conversationId), { consistent: true });
  if (!record) throw conversationNotFound();
  return record;
}

export interface ConversationFilter {
  status?: string;
  agentId?: string;
  queueId?: string;
  departmentId?: string;
  tag?: string;
  skip: number;
  limit: number;
}

/** The filter expression's parts for the filters that are set. */
function filterOf(filters: [condition: string, name: string, value: string | undefined][]) {
  const set = filters.filter(([, , value]) => value !== undefined);
  return { conditions: set.map(([condition]) => condition), values: Object.fromEntries(set.map(([, name, value]) => [name, value])) };
}

/** The organization's conversations, latest activity first, filtered, then `skip`/`limit` as the original paged. */
export async function listConversations(orgId: string, filter: ConversationFilter): Promise<ConversationRecord[]> {
  const { conditions, values } = filterOf([
    ['current_agent_id = :agent', ':agent', filter.agentId],
    ['queue_id = :queue', ':queue', filter.queueId],
    ['department_id = :department', ':department', filter.departmentId],
    ['contains(tags, :tag)', ':tag', filter.tag],
  ]);
  // One status is one index partition; otherwise the organization's conversations.
  const base = filter.status
    ? keyQuery({ index: 'gsi1', pk: conversationIndexKeys(orgId, filter.status, '', '').gsi1pk })
    : keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CONVERSATION_PREFIX } });
  const items: ConversationRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<ConversationRecord>({
      ...base,
      ...(conditions.length
        ? {
            FilterExpression: conditions.join(' AND '),
            ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ...values },
          }
        : {}),
      ExclusiveStartKey: lastKey,
    });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  const latest = (record: ConversationRecord & { last_message_at?: string }) => record.last_message_at ?? record.created_at;
  return items.sort((a, b) => latest(b).localeCompare(latest(a))).slice(filter.skip, filter.skip + filter.limit);
}

/** The conversation's messages, oldest first. */
export async function listMessages(orgId: string, conversationId: string, skip: number, limit: number): Promise<MessageRecord[]> {
  await getConversation(orgId, conversationId);
  const items: MessageRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<MessageRecord>({
      ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: messagePrefix(conversationId) } }),
      ExclusiveStartKey: lastKey,
      Limit: skip + limit - items.length,
    });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey && items.length < skip + limit);
  return items.slice(skip, skip + limit);
}

/** Writes a change of the conversation on the condition that nobody changed it since it was read. */
async function changed(current: ConversationRecord, set: Record<string, unknown>, extra: TransactItem[] = []): Promise<ConversationRecord> {
  const now = new Date().toISOString();
  const next = { ...current, ...set, updated_at: now, version: current.version + 1 } as ConversationRecord;
  if (typeof set.status === 'string') Object.assign(next, conversationIndexKeys(current.organization_id, set.status, current.created_at, current.id));
  for (const [name, value] of Object.entries(set)) if (value === undefined) delete (next as unknown as Record<string, unknown>)[name];
  try {
    await transact([
      {
        Put: { Item: next, ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': current.version } },
        conflictCode: 'conversation_changed',
      },
      ...extra,
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conversation_changed')
      throw conflict('conversation_changed', 'The conversation changed meanwhile; try again');
    throw error;
  }
  return next;
}

const leaveQueue = (orgId: string, current: ConversationRecord): TransactItem[] =>
  current.queued_sk ? [{ Delete: { Key: { pk: orgPartition(orgId), sk: current.queued_sk } } }] : [];

const notClosed = (current: ConversationRecord) => {
  if (current.status === 'closed') throw conflict('conversation_closed', 'Conversation is closed');
};

export async function setTags(orgId: string, conversationId: string, tags: string[]): Promise<ConversationRecord> {
  const current = await getConversation(orgId, conversationId);
  return changed(current, { tags: [...new Set(tags)] });
}

export async function markRead(orgId: string, conversationId: string): Promise<ConversationRecord> {
  const current = await getConversation(orgId, conversationId);
  return changed(current, { unread_count: 0, last_read_at: new Date().toISOString() });
}

/** An active user of the organization who may work conversations (not a viewer), or 404. */
async function agentOf(orgId: string, agentId: string): Promise<void> {
  const user = await table.get<{ is_active: boolean; role: string; deleted_at?: string }>(userKey(orgId, agentId), { consistent: true });
  if (!user?.is_active || user.deleted_at || user.role === 'viewer') throw objectNotFound('Agent');
}

export async function assign(orgId: string, conversationId: string, agentId: string): Promise<ConversationRecord> {
  const current = await getConversation(orgId, conversationId);
  notClosed(current);
  await agentOf(orgId, agentId);
  const next = await changed(
    current,
    { status: 'active', current_agent_id: agentId, assigned_at: new Date().toISOString(), queued_sk: undefined },
    leaveQueue(orgId, current),
  );
  await publishEvent(orgId, { type: 'conversation:assigned', conversation_id: conversationId, agent_id: agentId });
  return current.status === 'queued' ? recordWait(next) : next;
}

/** Unassigns the conversation and puts it in the department's waiting line (a queue's, with its priority, when one is named). */
export async function transfer(orgId: string, conversationId: string, input: { department_id: string; queue_id?: string | null; note?: string | null }) {
  const current = await getConversation(orgId, conversationId);
  notClosed(current);
  const department = await table.get(departmentKey(orgId, input.department_id), { consistent: true });
  if (!department) throw objectNotFound('Department');
  let queue: QueueRecord | undefined;
  if (input.queue_id) {
    queue = await table.get<QueueRecord>(queueKey(orgId, input.queue_id), { consistent: true });
    if (!queue || queue.department_id !== input.department_id) throw objectNotFound('Queue');
    // A full queue sends newcomers to its overflow queue (one hop).
    if (queue.max_queue_size && queue.overflow_queue_id && (await waitingIn(orgId, queue.id)) >= queue.max_queue_size) {
      queue = (await table.get<QueueRecord>(queueKey(orgId, queue.overflow_queue_id), { consistent: true })) ?? queue;
    }
  }
  const priority = queue?.priority ?? 0;
  const queueId = queue?.id ?? null;
  const queuedAt = new Date().toISOString();
  const waiting = queuedKey(orgId, priority, queuedAt, conversationId);
  const next = await changed(
    current,
    {
      status: 'queued',
      current_agent_id: null,
      department_id: input.department_id,
      queue_id: queueId,
      queue_priority: priority,
      queued_at: queuedAt,
      queued_sk: waiting.sk,
      transfer_note: input.note ?? null,
    },
    [
      ...leaveQueue(orgId, current),
      {
        Put: {
          Item: {
            ...waiting,
            conversation_id: conversationId,
            queue_id: queueId,
            department_id: input.department_id,
            ...slaTimer(orgId, queue, queuedAt, conversationId),
          },
        },
      },
    ],
  );
  await publishEvent(orgId, { type: 'conversation:queued', conversation_id: conversationId, queue_id: queueId });
  return (queue && (await autoAssign(orgId, queue, input.department_id, { ...waiting, conversation_id: conversationId }))) ?? next;
}

export async function close(orgId: string, conversationId: string): Promise<ConversationRecord> {
  const current = await getConversation(orgId, conversationId);
  if (current.status === 'closed') return current;
  const lookup = openConversationKey(orgId, current.contact_id, current.whatsapp_number_id);
  const now = new Date().toISOString();
  return changed(current, { status: 'closed', closed_at: now, queued_sk: undefined }, [
    ...leaveQueue(orgId, current),
    // The lookup names this conversation unless the customer's next one already took it.
    {
      Delete: {
        Key: lookup,
        ConditionExpression: 'attribute_not_exists(pk) OR #owner.sk = :sk',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':sk': current.sk },
      },
    },
  ]);
}

/** The contact's open conversation on the number, or a new one; both must be the organization's (404 otherwise). */
export async function startConversation(orgId: string, contactId: string, numberId: string): Promise<ConversationRecord> {
  const [contact, number] = await Promise.all([
    table.get(contactKey(orgId, contactId), { consistent: true }),
    table.get<{ id: string; default_chatbot_id?: string | null }>(whatsappNumberKey(orgId, numberId), { consistent: true }),
  ]);
  if (!contact || (contact as { deleted_at?: string }).deleted_at) throw objectNotFound('Contact');
  if (!number) throw objectNotFound('WhatsApp number');
  // An agent starts it: no chatbot takes over.
  const opened = await openConversation(orgId, contactId, { id: number.id, default_chatbot_id: null }, new Date().toISOString());
  return getConversation(orgId, opened.id);
}

/**
 * Takes the waiting conversation with the highest priority, then the longest
 * wait, and gives it to `agentId`. Each candidate is taken in one transaction
 * that deletes its waiting item on the condition that it is still there, so
 * two agents pulling at once never get the same conversation: the loser moves
 * on to the next one. Undefined when nothing waits.
 */
export async function pull(orgId: string, agentId: string, filter: { queueId?: string; departmentId?: string }): Promise<ConversationRecord | undefined> {
  const base = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: 'QUEUED#' } });
  const { conditions, values } = filterOf([
    ['queue_id = :queue', ':queue', filter.queueId],
    ['department_id = :department', ':department', filter.departmentId],
  ]);
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<ItemKey & { conversation_id: string }>({
      ...base,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ...values } } : {}),
      ConsistentRead: true,
      Limit: 25,
      ExclusiveStartKey: lastKey,
    });
    for (const waiting of page.items) {
      const taken = await take(orgId, agentId, waiting);
      if (taken) return taken;
    }
    lastKey = page.lastKey;
  } while (lastKey);
  return undefined;
}

/** Gives the queued conversation to the agent the queue's routing picks, if it auto-assigns and someone is free. */
async function autoAssign(orgId: string, queue: QueueRecord, departmentId: string, waiting: ItemKey & { conversation_id: string }) {
  if (!queue.auto_assign_conversations || queue.routing_mode === 'manual') return undefined;
  const agentId = chooseAgent(queue, await candidatesOf(orgId, departmentId, queue.routing_mode === 'skills_based'));
  if (!agentId) return undefined;
  const taken = await take(orgId, agentId, waiting);
  if (taken) {
    await table.update(queueKey(orgId, queue.id), 'SET last_assigned_agent_id = :agent', { condition: 'attribute_exists(pk)', values: { ':agent': agentId } });
    await notifyAssigned(taken);
  }
  return taken;
}

async function take(orgId: string, agentId: string, waiting: ItemKey & { conversation_id: string }): Promise<ConversationRecord | undefined> {
  const now = new Date().toISOString();
  try {
    await transact([
      { Delete: { Key: { pk: waiting.pk, sk: waiting.sk }, ConditionExpression: 'attribute_exists(pk)' }, conflictCode: 'taken' },
      {
        Update: {
          Key: conversationKey(orgId, waiting.conversation_id),
          UpdateExpression:
            'SET #status = :active, gsi1pk = :index, current_agent_id = :agent, assigned_at = :now, updated_at = :now ADD version :one REMOVE queued_sk',
          ConditionExpression: 'queued_sk = :sk',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':index': conversationIndexKeys(orgId, 'active', '', waiting.conversation_id).gsi1pk,
            ':agent': agentId,
            ':now': now,
            ':one': 1,
            ':sk': waiting.sk,
          },
        },
        conflictCode: 'taken',
      },
    ]);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'conflict') return undefined;
    throw error;
  }
  await publishEvent(orgId, { type: 'conversation:assigned', conversation_id: waiting.conversation_id, agent_id: agentId });
  return recordWait(await getConversation(orgId, waiting.conversation_id));
}
