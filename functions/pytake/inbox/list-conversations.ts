/** GET /api/v1/conversations. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { viewOf } from './conversation-schema.ts';
import { listConversationsRoute } from './conversations.route.ts';
import { listConversations } from './inbox.ts';

export const handler = httpRoute(listConversationsRoute, tenantUser, async ({ query, caller }) => {
  const conversations = await listConversations(caller.organizationId, {
    status: query.status,
    agentId: query.assigned_to_me ? caller.userId : query.agent_id,
    queueId: query.queue_id,
    departmentId: query.department_id,
    tag: query.tag,
    skip: query.skip,
    limit: query.limit,
  });
  return json(conversations.map(viewOf));
});
