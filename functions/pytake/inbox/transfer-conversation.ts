/** POST /api/v1/conversations/{conversation_id}/transfer. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { transferConversationRoute } from './conversations.route.ts';
import { transfer } from './inbox.ts';

export const handler = httpRoute(transferConversationRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  return json(viewOf(await transfer(caller.organizationId, params.conversation_id, body)));
});
