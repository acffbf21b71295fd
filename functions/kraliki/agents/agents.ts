/**
 * Agents: a user's working profile in her organization (status, capacity,
 * load, skills, language). One per user, guarded by a sentinel
 * (`AGENT_OF_USER#<user>`) written with the agent.
 *
 * Availability: an agent is available while AVAILABLE with `current_load <
 * max_capacity`. Available agents carry the sparse index keys of
 * `AVAILABLE_AGENTS#<org>` (keys.ts), so counting (and later, picking) them is
 * a Query of that index partition, never a Scan. Index reads are eventually
 * consistent: a status change shows in the count within about a second. Every change of status, load
 * or capacity must go through `updateAgent`, which rewrites the item with its
 * index keys under an optimistic version check, so the index always agrees
 * with the item — calls that take or release an agent's capacity use it too.
 */
import { randomUUID } from 'node:crypto';
import { AppError, conflict, forbidden } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { type Caller, isSupervisor } from '../auth/roles.ts';
import { notFoundError } from '../errors.ts';
import { AGENT_PREFIX, AVAILABLE_AGENTS_INDEX, agentKey, agentOfUserKey, availableAgentsPartition, orgPartition } from '../keys.ts';
import { userExists } from '../users/users.ts';

export const AGENT_STATUSES = ['OFFLINE', 'AVAILABLE', 'BUSY', 'BREAK', 'TRAINING'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

type Metadata = Record<string, unknown> | null;

export type AgentRecord = {
  pk: string;
  sk: string;
  id: string;
  user_id: string;
  organization_id: string;
  status: AgentStatus;
  max_capacity: number;
  current_load: number;
  skills: string[];
  language: string;
  metadata: Metadata;
  created_at: string;
  updated_at: string;
  version: number;
  gsi1pk?: string;
  gsi1sk?: string;
};

export interface AgentView {
  id: string;
  user_id: string;
  status: AgentStatus;
  max_capacity: number;
  current_load: number;
  skills: string[];
  language: string;
  metadata: Metadata;
  created_at: string;
  updated_at: string;
}

export const agentView = (agent: AgentRecord): AgentView => ({
  id: agent.id,
  user_id: agent.user_id,
  status: agent.status,
  max_capacity: agent.max_capacity,
  current_load: agent.current_load,
  skills: agent.skills,
  language: agent.language,
  metadata: agent.metadata ?? null,
  created_at: agent.created_at,
  updated_at: agent.updated_at,
});

export const isAvailable = (agent: Pick<AgentRecord, 'status' | 'current_load' | 'max_capacity'>): boolean =>
  agent.status === 'AVAILABLE' && agent.current_load < agent.max_capacity;

/** The agent with the index keys its availability calls for (and without them otherwise). */
function indexed(agent: AgentRecord): AgentRecord {
  const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = agent;
  return isAvailable(agent) ? { ...rest, gsi1pk: availableAgentsPartition(agent.organization_id), gsi1sk: agent.id } : rest;
}

export interface NewAgent {
  user_id: string;
  max_capacity?: number;
  skills?: string[];
  language?: string;
  metadata?: Metadata;
}

export async function createAgent(caller: Caller, fields: NewAgent, now = new Date()): Promise<AgentView> {
  const orgId = caller.organizationId;
  const id = randomUUID();
  const at = now.toISOString();
  const agent: AgentRecord = {
    ...agentKey(orgId, id),
    id,
    user_id: fields.user_id,
    organization_id: orgId,
    status: 'OFFLINE',
    max_capacity: fields.max_capacity ?? 1,
    current_load: 0,
    skills: fields.skills ?? [],
    language: fields.language ?? 'en',
    metadata: fields.metadata ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  try {
    await transact([
      userExists(orgId, fields.user_id),
      {
        Put: { Item: { ...agentOfUserKey(orgId, fields.user_id), agent_id: id }, ConditionExpression: 'attribute_not_exists(pk)' },
        conflictCode: 'agent_exists',
      },
      { Put: { Item: agent, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'user_not_found') throw notFoundError('User');
    if (error instanceof AppError && error.code === 'agent_exists') throw conflict('agent_exists', 'User already has an agent profile');
    throw error;
  }
  logger.info('agent created', { organizationId: orgId, agentId: id });
  return agentView(agent);
}

export async function findAgent(orgId: string, agentId: string, options: { consistent?: boolean } = {}): Promise<AgentRecord | undefined> {
  return table.get<AgentRecord>(agentKey(orgId, agentId), options);
}

export async function getAgent(orgId: string, agentId: string): Promise<AgentRecord> {
  const agent = await findAgent(orgId, agentId);
  if (!agent) throw notFoundError('Agent');
  return agent;
}

/** The user's agent profile in her organization, if she has one. */
export async function agentOfUser(orgId: string, userId: string): Promise<AgentRecord | undefined> {
  const sentinel = await table.get<{ agent_id?: string }>(agentOfUserKey(orgId, userId));
  return sentinel?.agent_id ? findAgent(orgId, sentinel.agent_id) : undefined;
}

/** The organization's agents, newest first, optionally of one status. */
export async function listAgents(orgId: string, status?: AgentStatus): Promise<AgentRecord[]> {
  const agents = await queryAll<AgentRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: AGENT_PREFIX } }));
  return agents.filter((agent) => !status || agent.status === status).sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export type AgentChanges = Partial<Pick<AgentRecord, 'status' | 'max_capacity' | 'current_load' | 'skills' | 'language' | 'metadata'>>;

/** A write fails only when another one succeeded meanwhile, so n concurrent writers all land within n attempts. */
const MAX_ATTEMPTS = 8;

/**
 * Changes an agent: `change` sees the agent as stored and answers the fields to change
 * (it may throw to refuse). The write is conditional on the version read, and retried on
 * a concurrent change, so two writers never lose each other's change or the index keys.
 */
export async function updateAgent(orgId: string, agentId: string, change: (agent: AgentRecord) => AgentChanges, now = new Date()): Promise<AgentRecord> {
  for (let attempt = 1; ; attempt++) {
    const agent = await findAgent(orgId, agentId, { consistent: true });
    if (!agent) throw notFoundError('Agent');
    const next = indexed({ ...agent, ...change(agent), updated_at: now.toISOString(), version: agent.version + 1 });
    const written = await table.put(next, { condition: '#version = :version', names: { '#version': 'version' }, values: { ':version': agent.version } });
    if (written) return next;
    if (attempt === MAX_ATTEMPTS) throw conflict('concurrent_update', 'The agent changed meanwhile, try again');
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  }
}

/** The agent herself, or a SUPERVISOR or ADMIN of her organization, sets her status. */
export async function setAgentStatus(caller: Caller, agentId: string, status: AgentStatus): Promise<AgentRecord> {
  const updated = await updateAgent(caller.organizationId, agentId, (agent) => {
    if (agent.user_id !== caller.userId && !isSupervisor(caller))
      throw forbidden('not_own_agent', 'Only the agent herself or a supervisor may change her status');
    return { status };
  });
  logger.info('agent status set', { organizationId: caller.organizationId, agentId, status });
  return updated;
}

/** How many agents are AVAILABLE with load below capacity: the sparse index partition's size. */
export async function countAvailableAgents(orgId: string): Promise<number> {
  const available = await queryAll({ ...keyQuery({ index: AVAILABLE_AGENTS_INDEX, pk: availableAgentsPartition(orgId) }), ProjectionExpression: '#pk' });
  return available.length;
}
