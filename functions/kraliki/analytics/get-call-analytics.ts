/** GET /api/analytics/calls. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { callAnalytics } from './analytics.ts';
import { callAnalyticsRoute } from './analytics.route.ts';

export const handler = httpRoute(callAnalyticsRoute, member, async ({ query, caller }) => json(await callAnalytics(caller, query)));
