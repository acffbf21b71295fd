/** POST /api/v1/queue/pull: 404 when nothing waits. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { objectNotFound } from '../errors.ts';
import { viewOf } from '../inbox/conversation-schema.ts';
import { pull } from '../inbox/inbox.ts';
import { pullRoute } from './queues.route.ts';

export const handler = httpRoute(pullRoute, tenantUser, async ({ query, caller }) => {
  requireStaff(caller);
  const conversation = await pull(caller.organizationId, caller.userId, { queueId: query.queue_id, departmentId: query.department_id });
  if (!conversation) throw objectNotFound('Conversation in queue');
  return json(viewOf(conversation));
});
