/**
 * /api/analytics answers, read from the counters aggregates.ts keeps: each is
 * a few Queries of the organization's partition, whatever the number of calls.
 *
 * - dashboard: the last 24 hours are the current UTC hour and the 23 before it
 *   (24 hour counters); active calls are the `ACTIVE_CALL` items; active
 *   campaigns come from the campaign list.
 * - calls: hour counters for `group_by=hour` (at most 31 days), day counters
 *   otherwise (at most 366 days); whole UTC hours or days are counted. An AGENT
 *   reads her own counters (her calls only, as the reference filtered them).
 * - agents: the agents' day totals (`AGENT_DAY`, kept by the calls feature) over
 *   the days asked; every agent profile is listed, with zeros if she had no
 *   call; an AGENT gets her own row only.
 * - campaigns: every campaign with its totals.
 * Figures count finished calls; rates are percentages, averages seconds, both
 * rounded to two decimals as in the reference.
 */
import { invalid } from '#shared/errors';
import { batchGet } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { listAgents } from '../agents/agents.ts';
import { type Caller, isSupervisor } from '../auth/roles.ts';
import { listCampaigns } from '../campaigns/campaigns.ts';
import { ACTIVE_CALL_PREFIX, agentDaysRange, CAMPAIGN_CALL_STATS_PREFIX, callStatsRange, orgPartition, type StatsGranularity, userKey } from '../keys.ts';
import type { UserRecord } from '../users/users.ts';
import { dayOf, type Grouping, hourOf, labelOf } from './periods.ts';

interface Counters {
  total?: number;
  inbound?: number;
  outbound?: number;
  completed?: number;
  failed?: number;
  no_answer?: number;
  busy?: number;
  canceled?: number;
  total_duration?: number;
}
type PeriodCounters = Counters & { period: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 30;
const MAX_HOURLY_DAYS = 31;
const MAX_DAILY_DAYS = 366;

const round2 = (value: number): number => Math.round(value * 100) / 100;
const rate = (part: number, whole: number): number => (whole > 0 ? round2((part / whole) * 100) : 0);
const average = (sum: number, count: number): number => (count > 0 ? round2(sum / count) : 0);

async function countersBetween(orgId: string, granularity: StatsGranularity, from: string, to: string, userId?: string): Promise<PeriodCounters[]> {
  return queryAll<PeriodCounters>(keyQuery({ pk: orgPartition(orgId), sk: { between: callStatsRange(granularity, from, to, userId) } }));
}

export async function dashboard(caller: Caller, now = new Date()) {
  const orgId = caller.organizationId;
  const [hours, active, campaigns] = await Promise.all([
    countersBetween(orgId, 'HOUR', hourOf(new Date(now.getTime() - 23 * HOUR_MS)), hourOf(now)),
    queryAll({ ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: ACTIVE_CALL_PREFIX } }), ProjectionExpression: 'sk' }),
    listCampaigns(orgId, { active: true }),
  ]);
  const total = sum(hours, 'total');
  const completed = sum(hours, 'completed');
  return {
    total_calls_24h: total,
    active_calls: active.length,
    completed_calls_24h: completed,
    avg_call_duration: average(sum(hours, 'total_duration'), completed),
    active_campaigns: campaigns.length,
    completion_rate: rate(completed, total),
  };
}

const sum = (rows: Counters[], field: keyof Counters): number => rows.reduce((total, row) => total + (row[field] ?? 0), 0);

export interface Range {
  start_date?: string;
  end_date?: string;
}

/** The range asked for (default: the 30 days up to now); 422 when it is backwards or longer than `maxDays`. */
export function rangeOf(query: Range, maxDays: number, now: Date): { start: Date; end: Date } {
  const end = query.end_date ? new Date(query.end_date) : now;
  const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (start.getTime() > end.getTime())
    throw invalid([{ field: 'start_date', location: 'query', reason: 'invalid', message: 'start_date must not be after end_date' }]);
  if (end.getTime() - start.getTime() > maxDays * DAY_MS)
    throw invalid([{ field: 'end_date', location: 'query', reason: 'invalid', message: `The range may span at most ${maxDays} days` }]);
  return { start, end };
}

export async function callAnalytics(caller: Caller, query: Range & { group_by: Grouping }, now = new Date()) {
  const hourly = query.group_by === 'hour';
  const { start, end } = rangeOf(query, hourly ? MAX_HOURLY_DAYS : MAX_DAILY_DAYS, now);
  const granularity: StatsGranularity = hourly ? 'HOUR' : 'DAY';
  const periodOf = hourly ? hourOf : dayOf;
  const rows = await countersBetween(caller.organizationId, granularity, periodOf(start), periodOf(end), isSupervisor(caller) ? undefined : caller.userId);
  const groups = new Map<string, Required<Counters>>();
  for (const row of rows) {
    const label = labelOf(row.period, query.group_by);
    const group = groups.get(label) ?? { total: 0, inbound: 0, outbound: 0, completed: 0, failed: 0, no_answer: 0, busy: 0, canceled: 0, total_duration: 0 };
    for (const field of Object.keys(group) as (keyof Counters)[]) group[field] += row[field] ?? 0;
    groups.set(label, group);
  }
  const metrics = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, group]) => ({
      period,
      ...group,
      avg_duration: average(group.total_duration, group.completed),
      completion_rate: rate(group.completed, group.total),
    }));
  const total = sum(metrics, 'total');
  const completed = sum(metrics, 'completed');
  return {
    summary: {
      total_calls: total,
      completed_calls: completed,
      avg_duration: average(sum(metrics, 'total_duration'), completed),
      completion_rate: rate(completed, total),
    },
    metrics,
  };
}

interface AgentDay {
  user_id: string;
  total_calls?: number;
  completed_calls?: number;
  total_duration_seconds?: number;
}

export async function agentPerformance(caller: Caller, query: Range, now = new Date()) {
  const orgId = caller.organizationId;
  const { start, end } = rangeOf(query, MAX_DAILY_DAYS, now);
  const [agents, days] = await Promise.all([
    listAgents(orgId),
    queryAll<AgentDay>(keyQuery({ pk: orgPartition(orgId), sk: { between: agentDaysRange(dayOf(start), dayOf(end)) } })),
  ]);
  const totals = new Map<string, { calls: number; completed: number; duration: number }>();
  for (const day of days) {
    const entry = totals.get(day.user_id) ?? { calls: 0, completed: 0, duration: 0 };
    entry.calls += day.total_calls ?? 0;
    entry.completed += day.completed_calls ?? 0;
    entry.duration += day.total_duration_seconds ?? 0;
    totals.set(day.user_id, entry);
  }
  const everyone = [...new Set([...agents.map((agent) => agent.user_id), ...totals.keys()])];
  const userIds = isSupervisor(caller) ? everyone : [caller.userId];
  const users = await batchGet<UserRecord & Record<string, unknown>>(
    userIds.map((id) => userKey(orgId, id)),
    { attributes: ['id', 'first_name', 'last_name'] },
  );
  return userIds
    .map((id, i) => {
      const entry = totals.get(id) ?? { calls: 0, completed: 0, duration: 0 };
      const user = users[i];
      return {
        agent_id: id,
        agent_name: user ? `${user.first_name} ${user.last_name}`.trim() : '',
        total_calls: entry.calls,
        completed_calls: entry.completed,
        avg_duration: average(entry.duration, entry.completed),
        completion_rate: rate(entry.completed, entry.calls),
      };
    })
    .sort((a, b) => b.total_calls - a.total_calls || a.agent_name.localeCompare(b.agent_name) || a.agent_id.localeCompare(b.agent_id));
}

interface CampaignTotals extends Counters {
  campaign_id: string;
}

export async function campaignResults(caller: Caller) {
  const orgId = caller.organizationId;
  const [campaigns, totals] = await Promise.all([
    listCampaigns(orgId),
    queryAll<CampaignTotals>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CAMPAIGN_CALL_STATS_PREFIX } })),
  ]);
  const byCampaign = new Map(totals.map((entry) => [entry.campaign_id, entry]));
  return campaigns.map((campaign) => {
    const entry = byCampaign.get(campaign.id);
    const total = entry?.total ?? 0;
    const completed = entry?.completed ?? 0;
    return {
      campaign_id: campaign.id,
      campaign_name: campaign.name,
      total_calls: total,
      completed_calls: completed,
      active: campaign.active,
      completion_rate: rate(completed, total),
    };
  });
}
