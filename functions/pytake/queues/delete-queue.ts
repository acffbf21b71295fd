/** DELETE /api/v1/queues/{queue_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { deleteQueue } from './queues.ts';
import { deleteQueueRoute } from './queues.route.ts';

export const handler = httpRoute(deleteQueueRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  await deleteQueue(caller.organizationId, params.queue_id);
  return empty(204);
});
