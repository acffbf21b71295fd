/** PATCH /api/agents/{agent_id}/status. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { setAgentStatusRoute } from './agents.route.ts';
import { agentView, setAgentStatus } from './agents.ts';
import { publishLiveEvent } from '../live/live.ts';

export const handler = httpRoute(setAgentStatusRoute, member, async ({ params, body, caller }) => {
  const agent = await setAgentStatus(caller, params.agent_id, body.status);
  await publishLiveEvent(caller.organizationId, { type: 'agent:status', agent_id: agent.id, agent_user_id: agent.user_id, status: agent.status });
  return json(agentView(agent));
});
