/** PUT /api/v1/queues/{queue_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { queueView, updateQueue } from './queues.ts';
import { updateQueueRoute } from './queues.route.ts';

export const handler = httpRoute(updateQueueRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json(queueView(await updateQueue(caller.organizationId, params.queue_id, body)));
});
