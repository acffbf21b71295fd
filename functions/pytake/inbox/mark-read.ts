/** POST /api/v1/conversations/{conversation_id}/read. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { markReadRoute } from './conversations.route.ts';
import { markRead } from './inbox.ts';

export const handler = httpRoute(markReadRoute, tenantUser, async ({ params, caller }) => {
  requireStaff(caller);
  return json(viewOf(await markRead(caller.organizationId, params.conversation_id)));
});
