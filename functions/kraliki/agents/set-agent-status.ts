/** PATCH /api/agents/{agent_id}/status. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { setAgentStatusRoute } from './agents.route.ts';
import { agentView, setAgentStatus } from './agents.ts';

export const handler = httpRoute(setAgentStatusRoute, member, async ({ params, body, caller }) =>
  json(agentView(await setAgentStatus(caller, params.agent_id, body.status))),
);
