/** POST /api/v1/conversations/{conversation_id}/assign. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { assignConversationRoute } from './conversations.route.ts';
import { assign } from './inbox.ts';
import { notifyAssigned } from '../notifications/notify.ts';

export const handler = httpRoute(assignConversationRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  const conversation = await assign(caller.organizationId, params.conversation_id, body.agent_id);
  await notifyAssigned(conversation, caller.userId);
  return json(viewOf(conversation));
});
