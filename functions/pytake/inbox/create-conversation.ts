/** POST /api/v1/conversations: the contact and the number must both be the caller's organization's. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { createConversationRoute } from './conversations.route.ts';
import { startConversation } from './inbox.ts';

export const handler = httpRoute(createConversationRoute, tenantUser, async ({ body, caller }) => {
  requireStaff(caller);
  return json(viewOf(await startConversation(caller.organizationId, body.contact_id, body.whatsapp_number_id)), 201);
});
