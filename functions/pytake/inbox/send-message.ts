/** POST /api/v1/conversations/{conversation_id}/messages: stored, then sent through the send queue. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { sendMessageRoute } from './conversations.route.ts';
import { sendAgentMessage } from './sending.ts';

export const handler = httpRoute(sendMessageRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  return json(viewOf(await sendAgentMessage(caller.organizationId, caller.userId, params.conversation_id, body)), 201);
});
