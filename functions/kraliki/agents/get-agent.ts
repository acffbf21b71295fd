/** GET /api/agents/{agent_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getAgentRoute } from './agents.route.ts';
import { agentView, getAgent } from './agents.ts';

export const handler = httpRoute(getAgentRoute, member, async ({ params, caller }) => json(agentView(await getAgent(caller.organizationId, params.agent_id))));
