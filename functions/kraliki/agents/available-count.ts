/** GET /api/agents/available/count. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { availableCountRoute } from './agents.route.ts';
import { countAvailableAgents } from './agents.ts';

export const handler = httpRoute(availableCountRoute, member, async ({ caller }) =>
  json({ available_agents: await countAvailableAgents(caller.organizationId) }),
);
