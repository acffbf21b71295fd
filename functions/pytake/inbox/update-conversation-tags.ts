/** PUT /api/v1/conversations/{conversation_id}/tags. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { updateConversationTagsRoute } from './conversations.route.ts';
import { setTags } from './inbox.ts';

export const handler = httpRoute(updateConversationTagsRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  return json(viewOf(await setTags(caller.organizationId, params.conversation_id, body.tags)));
});
