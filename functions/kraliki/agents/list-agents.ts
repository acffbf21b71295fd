/** GET /api/agents. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { pageOf } from '../params.ts';
import { listAgentsRoute } from './agents.route.ts';
import { agentView, listAgents } from './agents.ts';

export const handler = httpRoute(listAgentsRoute, member, async ({ query, caller }) =>
  json(pageOf(await listAgents(caller.organizationId, query.status), query.skip, query.limit).map(agentView)),
);
