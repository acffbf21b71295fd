/**
 * Agents' call totals per UTC day, kept as counters beside the agents
 * (`AGENT_DAY#<day>#<user>`): `recordAgentCall` adds one finished call, and
 * `/api/agent/my-stats` and `/api/agent/leaderboard` read them with one
 * GetItem or one Query. The calls feature records each call once, when it
 * reaches a final status; until calls exist every total is zero.
 *
 * As in the reference (whose calls reference users), an agent is named here by
 * her user id.
 */
import { batchGet } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import type { Caller } from '../auth/roles.ts';
import { agentDayKey, agentDayPrefix, orgPartition, userKey } from '../keys.ts';
import type { UserRecord } from '../users/users.ts';
import { agentOfUser, listAgents } from './agents.ts';

interface DayTotals {
  user_id: string;
  total_calls?: number;
  completed_calls?: number;
  total_duration_seconds?: number;
}

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Counts one finished call of the agent (user id) on the day it started. Call it once per call (idempotency is the caller's). */
export async function recordAgentCall(orgId: string, userId: string, call: { completed: boolean; durationSeconds: number; startedAt: Date }): Promise<void> {
  await table.update(
    agentDayKey(orgId, utcDay(call.startedAt), userId),
    'SET user_id = :user ADD total_calls :one, completed_calls :completed, total_duration_seconds :duration',
    {
      values: { ':user': userId, ':one': 1, ':completed': call.completed ? 1 : 0, ':duration': Math.max(0, Math.round(call.durationSeconds)) },
    },
  );
}

export async function myStats(caller: Caller, now = new Date()) {
  const [totals, agent] = await Promise.all([
    table.get<DayTotals>(agentDayKey(caller.organizationId, utcDay(now), caller.userId)),
    agentOfUser(caller.organizationId, caller.userId),
  ]);
  const completed = totals?.completed_calls ?? 0;
  const duration = totals?.total_duration_seconds ?? 0;
  return {
    agent_id: caller.userId,
    today: {
      total_calls: totals?.total_calls ?? 0,
      completed_calls: completed,
      total_duration_seconds: duration,
      average_duration_seconds: completed > 0 ? Math.round((duration / completed) * 100) / 100 : 0,
    },
    current_status: agent?.status ?? 'OFFLINE',
  };
}

/** Today's ranking of the organization's agents (everyone with an agent profile or a call today): most calls first. */
export async function leaderboard(caller: Caller, now = new Date()) {
  const orgId = caller.organizationId;
  const [agents, totals] = await Promise.all([
    listAgents(orgId),
    queryAll<DayTotals>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: agentDayPrefix(utcDay(now)) } })),
  ]);
  const byUser = new Map(totals.map((item) => [item.user_id, item]));
  const userIds = [...new Set([...agents.map((agent) => agent.user_id), ...byUser.keys()])];
  const users = await batchGet<UserRecord & Record<string, unknown>>(
    userIds.map((id) => userKey(orgId, id)),
    { attributes: ['id', 'first_name', 'last_name'] },
  );
  const entries = userIds.map((id, i) => {
    const calls = byUser.get(id)?.total_calls ?? 0;
    const completed = byUser.get(id)?.completed_calls ?? 0;
    const user = users[i];
    return {
      agent_id: id,
      name: user ? `${user.first_name} ${user.last_name}`.trim() : '',
      calls,
      completion_rate: calls > 0 ? Math.round((completed / calls) * 100) / 100 : 0,
    };
  });
  entries.sort((a, b) => b.calls - a.calls || b.completion_rate - a.completion_rate || a.name.localeCompare(b.name));
  return { period: 'today' as const, leaderboard: entries };
}
