/** GET /api/v1/conversations/{conversation_id}/messages. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { listMessagesRoute } from './conversations.route.ts';
import { listMessages } from './inbox.ts';

export const handler = httpRoute(listMessagesRoute, tenantUser, async ({ params, query, caller }) => {
  return json((await listMessages(caller.organizationId, params.conversation_id, query.skip, query.limit)).map(viewOf));
});
