/** POST /api/agents. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { createAgentRoute } from './agents.route.ts';
import { createAgent } from './agents.ts';

export const handler = httpRoute(createAgentRoute, supervisor, async ({ body, caller }) => json(await createAgent(caller, body), 201));
