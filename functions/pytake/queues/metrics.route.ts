/** Queue metrics (`GET /api/v1/queues/{queue_id}/metrics`, the original's) and CSAT ratings of conversations (`POST /api/v1/conversations/{conversation_id}/rating`). */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { intQuery, optionalText, uuid } from '../params.ts';
import { queueId, queueIdParams } from './queues.route.ts';

const nullableNumber = z.nullable(z.number());

const metricsResponse = z.looseObject({
  queue_id: z.string(),
  queue_name: z.string(),
  total_conversations: z.number(),
  conversations_today: z.number(),
  conversations_last_7_days: z.number(),
  conversations_last_30_days: z.number(),
  queued_conversations: z.number(),
  active_conversations: z.number(),
  average_wait_time_seconds: nullableNumber,
  median_wait_time_seconds: nullableNumber,
  p90_wait_time_seconds: nullableNumber,
  wait_samples: z.number(),
  average_response_time_seconds: nullableNumber,
  average_resolution_time_seconds: nullableNumber,
  sla_minutes: nullableNumber,
  sla_compliance_rate: nullableNumber,
  sla_violations: z.number(),
  customer_satisfaction_score: nullableNumber,
  average_rating: nullableNumber,
  ratings_count: z.number(),
  resolution_rate: nullableNumber,
  volume_by_hour: z.array(z.object({ hour: z.number(), count: z.number() })),
  period_start: z.string(),
  period_end: z.string(),
});

export const queueMetricsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/queues/{queue_id}/metrics',
  auth: 'jwt',
  handler: 'functions/pytake/queues/queue-metrics.ts',
  summary:
    'A queue’s metrics over the last `days` (1-90): volume, waiting and active, wait average, median and p90, SLA compliance and violations, resolution, CSAT, volume by hour of the last 24 h',
  request: { params: queueIdParams, query: z.object({ days: intQuery(30, { min: 1, max: 90 }) }) },
  objectIds: [queueId],
  responses: {
    200: ok('The metrics', metricsResponse),
    401: failure('Not authenticated'),
    404: failure('Queue not found (also for a queue of another organization)'),
    422: failure('Invalid input'),
  },
});

const ratingResponse = z.object({
  conversation_id: z.string(),
  queue_id: z.nullable(z.string()),
  agent_id: z.nullable(z.string()),
  score: z.number(),
  comment: z.nullable(z.string()),
  rated_by: z.string(),
  created_at: z.string(),
});

export const conversationId: ObjectId = { object: 'conversation', from: 'path', field: 'conversation_id', owner: 'tenant' };

export const rateConversationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/rating',
  auth: 'jwt',
  handler: 'functions/pytake/queues/rate-conversation.ts',
  summary: "Records the customer's CSAT rating of a conversation (1-5, once; staff only); it counts in its queue's metrics",
  request: {
    params: z.object({ conversation_id: uuid() }),
    body: z.object({
      score: z
        .int('Input should be a valid integer')
        .check(z.gte(1, 'Input should be greater than or equal to 1'), z.lte(5, 'Input should be less than or equal to 5')),
      comment: optionalText({ max: 1000 }),
    }),
  },
  objectIds: [conversationId],
  responses: {
    201: ok('Recorded', ratingResponse),
    401: failure('Not authenticated'),
    403: failure('A viewer may not rate'),
    404: failure('Conversation not found (also for a conversation of another organization)'),
    409: failure('Conversation already rated'),
    422: failure('Invalid input'),
  },
});
