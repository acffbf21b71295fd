/**
 * Routing a conversation that enters a queue with `auto_assign_conversations`:
 * the candidates are the active agents of the queue's department who are
 * `available` (or have not set a status) and hold fewer active conversations
 * than the queue's `max_conversations_per_agent`; then, by `routing_mode`:
 *   - `round_robin`: the next agent after the queue's last assignee, by id;
 *   - `load_balance`: the fewest active conversations (then by id);
 *   - `skills_based`: agents holding every skill named in `settings.required_skills`
 *     (case-insensitive), fewest active conversations first;
 *   - `manual`: nobody: agents pull.
 * With nobody eligible the conversation waits for a pull. The assignment is
 * the pull's atomic take (../inbox/inbox.ts), so it never races a pull.
 *
 * `max_queue_size`: a queue already holding that many waiting conversations
 * sends newcomers to its `overflow_queue_id` (one hop).
 */
import { queryAll } from '#shared/db/pagination';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { conversationIndexKeys, orgPartition, QUEUED_PREFIX, SKILL_PREFIX, USER_PREFIX } from '../keys.ts';
import type { QueueRecord } from './queues.ts';

export interface Candidate {
  id: string;
  load: number;
  skills: ReadonlySet<string>;
}

/** The agent to give the conversation to, or undefined. Pure. */
export function chooseAgent(
  queue: Pick<QueueRecord, 'routing_mode' | 'max_conversations_per_agent' | 'settings'> & { last_assigned_agent_id?: string },
  candidates: Candidate[],
): string | undefined {
  if (queue.routing_mode === 'manual') return undefined;
  let eligible = candidates.filter((agent) => agent.load < queue.max_conversations_per_agent).sort((a, b) => a.id.localeCompare(b.id));
  if (queue.routing_mode === 'round_robin') {
    const last = queue.last_assigned_agent_id;
    return (eligible.find((agent) => last !== undefined && agent.id > last) ?? eligible[0])?.id;
  }
  if (queue.routing_mode === 'skills_based') {
    const required = Array.isArray(queue.settings?.required_skills)
      ? (queue.settings.required_skills as unknown[]).map((skill) => String(skill).toLowerCase())
      : [];
    eligible = eligible.filter((agent) => required.every((skill) => agent.skills.has(skill)));
  }
  return [...eligible].sort((a, b) => a.load - b.load || a.id.localeCompare(b.id))[0]?.id;
}

/** The department's agents who may take a conversation now, with their load and skills. */
export async function candidatesOf(orgId: string, departmentId: string, withSkills: boolean): Promise<Candidate[]> {
  const pk = orgPartition(orgId);
  const users = await queryAll<{ id: string; role: string; is_active: boolean; deleted_at?: string; agent_status: string | null; department_ids?: string[] }>(
    keyQuery({ pk, sk: { beginsWith: USER_PREFIX } }),
  );
  const agents = users.filter(
    (user) =>
      user.role === 'agent' &&
      user.is_active &&
      !user.deleted_at &&
      (user.agent_status === null || user.agent_status === 'available') &&
      user.department_ids?.includes(departmentId),
  );
  if (!agents.length) return [];
  // The organization's active conversations: one index partition.
  const active = await queryAll<{ current_agent_id: string | null }>({
    ...keyQuery({ index: 'gsi1', pk: conversationIndexKeys(orgId, 'active', '', '').gsi1pk }),
    ProjectionExpression: 'current_agent_id',
  });
  const skills = withSkills ? await queryAll<{ user_id: string; skill_name: string }>(keyQuery({ pk, sk: { beginsWith: SKILL_PREFIX } })) : [];
  return agents.map((agent) => ({
    id: agent.id,
    load: active.filter((conversation) => conversation.current_agent_id === agent.id).length,
    skills: new Set(skills.filter((skill) => skill.user_id === agent.id).map((skill) => skill.skill_name.toLowerCase())),
  }));
}

/** How many conversations wait in the queue. */
export async function waitingIn(orgId: string, queueId: string): Promise<number> {
  const base = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: QUEUED_PREFIX } });
  let count = 0;
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query({
      ...base,
      FilterExpression: 'queue_id = :queue',
      ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':queue': queueId },
      ExclusiveStartKey: lastKey,
    });
    count += page.items.length;
    lastKey = page.lastKey;
  } while (lastKey);
  return count;
}
