/** GET /api/analytics/agents. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { agentPerformance } from './analytics.ts';
import { agentPerformanceRoute } from './analytics.route.ts';

export const handler = httpRoute(agentPerformanceRoute, member, async ({ query, caller }) => json(await agentPerformance(caller, query)));
