/** PUT /api/agents/{agent_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { updateAgentRoute } from './agents.route.ts';
import { agentView, updateAgent } from './agents.ts';

export const handler = httpRoute(updateAgentRoute, supervisor, async ({ params, body, caller }) => {
  const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return json(agentView(await updateAgent(caller.organizationId, params.agent_id, () => changes)));
});
