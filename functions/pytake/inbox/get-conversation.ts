/** GET /api/v1/conversations/{conversation_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { getConversationRoute } from './conversations.route.ts';
import { getConversation } from './inbox.ts';

export const handler = httpRoute(getConversationRoute, tenantUser, async ({ params, caller }) => {
  return json(viewOf(await getConversation(caller.organizationId, params.conversation_id)));
});
