/** POST /api/v1/conversations/{conversation_id}/rating. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { rateConversation } from './metrics.ts';
import { rateConversationRoute } from './metrics.route.ts';

export const handler = httpRoute(rateConversationRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  return json(await rateConversation(caller.organizationId, params.conversation_id, caller.userId, body), 201);
});
