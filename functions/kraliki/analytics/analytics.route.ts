/**
 * /api/analytics: the organization's figures, as the reference's routes and
 * shapes (any member; an AGENT's call and agent figures are her own).
 * Computed from counters kept as calls finish (aggregates.ts), never from calls.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';
import { GROUPINGS } from './periods.ts';

const read = { table: 'read' as const, secrets: ['auth' as const] };
const number = z.number();
/** A moment (ISO 8601 with an offset) or a UTC day (`YYYY-MM-DD`), as FastAPI's datetime parameters take them. */
const moment = z.optional(z.union([z.iso.datetime({ offset: true }), z.iso.date()]));
const range = { start_date: moment, end_date: moment };
const invalidRange = { 422: failure('Validation error: a bad date or group_by, start_date after end_date, a range too long') };

export const dashboardRoute = kralikiRoute({
  method: 'GET',
  path: '/api/analytics/dashboard',
  auth: 'jwt',
  handler: 'functions/kraliki/analytics/get-dashboard.ts',
  request: {},
  access: read,
  summary:
    'The last 24 hours (the current UTC hour and the 23 before): calls finished, completed, average duration, completion rate; calls in progress; active campaigns',
  responses: {
    200: ok(
      'The dashboard summary',
      z.object({
        total_calls_24h: number,
        active_calls: number,
        completed_calls_24h: number,
        avg_call_duration: number,
        active_campaigns: number,
        completion_rate: number,
      }),
    ),
    ...signedIn(),
  },
});

const periodMetrics = z.object({
  period: z.string(),
  total: number,
  inbound: number,
  outbound: number,
  completed: number,
  failed: number,
  no_answer: number,
  busy: number,
  canceled: number,
  total_duration: number,
  avg_duration: number,
  completion_rate: number,
});

export const callAnalyticsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/analytics/calls',
  auth: 'jwt',
  handler: 'functions/kraliki/analytics/get-call-analytics.ts',
  access: read,
  summary:
    'Finished calls by the period they started in (`group_by` hour, day, ISO week or month; default the last 30 days, hourly at most 31 days, else 366): volume, direction, outcome, duration. An AGENT: her own calls',
  request: { query: z.object({ ...range, group_by: z._default(z.enum(GROUPINGS), 'day') }) },
  responses: {
    200: ok(
      'The summary and one entry per period with calls, oldest first',
      z.object({
        summary: z.object({ total_calls: number, completed_calls: number, avg_duration: number, completion_rate: number }),
        metrics: z.array(periodMetrics),
      }),
    ),
    ...signedIn(),
    ...invalidRange,
  },
});

export const agentPerformanceRoute = kralikiRoute({
  method: 'GET',
  path: '/api/analytics/agents',
  auth: 'jwt',
  handler: 'functions/kraliki/analytics/get-agent-performance.ts',
  access: read,
  summary: 'Each agent’s finished calls over whole UTC days of the range (default the last 30 days), most calls first. An AGENT: her own row',
  request: { query: z.object(range) },
  responses: {
    200: ok(
      'One row per agent (user id)',
      z.array(
        z.object({ agent_id: z.string(), agent_name: z.string(), total_calls: number, completed_calls: number, avg_duration: number, completion_rate: number }),
      ),
    ),
    ...signedIn(),
    ...invalidRange,
  },
});

export const campaignResultsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/analytics/campaigns',
  auth: 'jwt',
  handler: 'functions/kraliki/analytics/get-campaign-results.ts',
  request: {},
  access: read,
  summary: 'Each campaign’s finished calls and completion rate, newest campaign first',
  responses: {
    200: ok(
      'One row per campaign',
      z.array(
        z.object({
          campaign_id: z.string(),
          campaign_name: z.string(),
          total_calls: number,
          completed_calls: number,
          active: z.boolean(),
          completion_rate: number,
        }),
      ),
    ),
    ...signedIn(),
  },
});
