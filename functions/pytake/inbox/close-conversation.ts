/** POST /api/v1/conversations/{conversation_id}/close. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { closeConversationRoute } from './conversations.route.ts';
import { close } from './inbox.ts';
import { notifyClosed } from '../notifications/notify.ts';

export const handler = httpRoute(closeConversationRoute, tenantUser, async ({ params, caller }) => {
  requireStaff(caller);
  const conversation = await close(caller.organizationId, params.conversation_id);
  await notifyClosed(conversation, caller.userId);
  return json(viewOf(conversation));
});
