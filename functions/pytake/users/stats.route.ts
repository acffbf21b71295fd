/** A user's work statistics, as the original's `/users/me/stats` and `/users/{user_id}/stats`. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { userId, userIdParams } from './user.route.ts';

const statsResponse = z.object({
  total_conversations: z.number(),
  total_messages_sent: z.number(),
  avg_response_time_minutes: z.nullable(z.number()),
  conversations_resolved: z.number(),
  conversations_active: z.number(),
});

export const myStatsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/me/stats',
  auth: 'jwt',
  handler: 'functions/pytake/users/get-my-stats.ts',
  summary: "The caller's conversations (held, active, resolved), messages sent and average response time",
  request: {},
  responses: { 200: ok('The statistics', statsResponse), 401: failure('Not authenticated') },
});

export const userStatsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/{user_id}/stats',
  auth: 'jwt',
  handler: 'functions/pytake/users/get-user-stats.ts',
  summary: "A user's conversations (held, active, resolved), messages sent and average response time",
  request: { params: userIdParams },
  objectIds: [userId],
  responses: {
    200: ok('The statistics', statsResponse),
    401: failure('Not authenticated'),
    404: failure('User not found (also for a user of another organization)'),
    422: failure('Invalid input'),
  },
});
