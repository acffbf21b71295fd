/** /api/agents and /api/agent: agents' profiles, statuses, availability and stats. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id, paging } from '../params.ts';
import { skills } from '../users/schemas.ts';
import { AGENT_STATUSES } from './agents.ts';

const status = z.enum(AGENT_STATUSES);
const capacity = z.number().check(z.int(), z.gte(1), z.lte(10));
const language = z.string().check(z.minLength(2), z.maxLength(10));
const metadata = z.nullable(
  z.record(z.string(), z.unknown()).check(z.refine((value) => JSON.stringify(value).length <= 4000, { message: 'at most 4000 characters of JSON' })),
);

const agentSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  status,
  max_capacity: z.number(),
  current_load: z.number(),
  skills: z.array(z.string()),
  language: z.string(),
  metadata: z.nullable(z.record(z.string(), z.unknown())),
  created_at: z.string(),
  updated_at: z.string(),
});

const agentId: ObjectId[] = [{ object: 'agent', from: 'path', field: 'agent_id', owner: 'tenant' }];
const byId = { params: z.object({ agent_id: id }) };

export const createAgentRoute = kralikiRoute({
  method: 'POST',
  path: '/api/agents',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/create-agent.ts',
  access: { secrets: ['auth'] },
  summary: 'Makes a user of the organization an agent: status OFFLINE, load 0 (SUPERVISOR or ADMIN)',
  request: {
    body: z.object({
      user_id: id,
      max_capacity: z.optional(capacity),
      skills: z.optional(skills),
      language: z.optional(language),
      metadata: z.optional(metadata),
    }),
  },
  responses: {
    201: ok('The agent', agentSchema),
    ...signedIn('SUPERVISOR or ADMIN'),
    404: failure('user_not_found: no such user in the organization'),
    409: failure('agent_exists: the user already has an agent profile'),
  },
  objectIds: [{ object: 'user', from: 'body', field: 'user_id', owner: 'tenant' }],
});

export const listAgentsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/agents',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/list-agents.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The organization’s agents, newest first, optionally of one status',
  request: { query: z.object({ ...paging, status: z.optional(status) }) },
  responses: { 200: ok('A page of agents', z.array(agentSchema)), ...signedIn() },
});

export const availableCountRoute = kralikiRoute({
  method: 'GET',
  path: '/api/agents/available/count',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/available-count.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'How many agents are AVAILABLE with their load below capacity',
  request: {},
  responses: { 200: ok('The count', z.object({ available_agents: z.number() })), ...signedIn() },
});

export const getAgentRoute = kralikiRoute({
  method: 'GET',
  path: '/api/agents/{agent_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/get-agent.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'One agent of the organization',
  request: byId,
  responses: { 200: ok('The agent', agentSchema), ...signedIn(), 404: notFoundInOrg('agent') },
  objectIds: agentId,
});

export const updateAgentRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/agents/{agent_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/update-agent.ts',
  access: { secrets: ['auth'] },
  summary: 'Changes an agent’s status, capacity, skills, language or metadata (SUPERVISOR or ADMIN)',
  request: {
    ...byId,
    body: z.object({
      status: z.optional(status),
      max_capacity: z.optional(capacity),
      skills: z.optional(skills),
      language: z.optional(language),
      metadata: z.optional(metadata),
    }),
  },
  responses: {
    200: ok('The agent as changed', agentSchema),
    ...signedIn('SUPERVISOR or ADMIN'),
    404: notFoundInOrg('agent'),
    409: failure('concurrent_update'),
  },
  objectIds: agentId,
});

export const setAgentStatusRoute = kralikiRoute({
  method: 'PATCH',
  path: '/api/agents/{agent_id}/status',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/set-agent-status.ts',
  access: { secrets: ['auth'] },
  summary: 'Sets an agent’s status: by the agent herself, or a SUPERVISOR or ADMIN',
  request: { ...byId, body: z.object({ status }) },
  responses: {
    200: ok('The agent as changed', agentSchema),
    ...signedIn(),
    403: failure('account_inactive, or not_own_agent: an AGENT may only set her own status'),
    404: notFoundInOrg('agent'),
    409: failure('concurrent_update'),
  },
  objectIds: agentId,
});

export const myStatsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/agent/my-stats',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/my-stats.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The caller’s calls today (UTC) and her agent status; zeros until she has calls',
  request: {},
  responses: {
    200: ok(
      'The stats',
      z.object({
        agent_id: z.string(),
        today: z.object({ total_calls: z.number(), completed_calls: z.number(), total_duration_seconds: z.number(), average_duration_seconds: z.number() }),
        current_status: status,
      }),
    ),
    ...signedIn(),
  },
});

export const leaderboardRoute = kralikiRoute({
  method: 'GET',
  path: '/api/agent/leaderboard',
  auth: 'jwt',
  handler: 'functions/kraliki/agents/leaderboard.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'Today’s (UTC) ranking of the organization’s agents by calls, then completion rate',
  request: {},
  responses: {
    200: ok(
      'The ranking',
      z.object({
        period: z.literal('today'),
        leaderboard: z.array(z.object({ agent_id: z.string(), name: z.string(), calls: z.number(), completion_rate: z.number() })),
      }),
    ),
    ...signedIn(),
  },
});
