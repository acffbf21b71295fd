/** POST /api/v1/queues/bulk-delete: 404 when none of the ids is a queue of the organization, as the original. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { notFound } from '#shared/errors';
import { deleteQueues } from './queues.ts';
import { bulkDeleteQueuesRoute } from './queues.route.ts';

export const handler = httpRoute(bulkDeleteQueuesRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  if (!(await deleteQueues(caller.organizationId, body.queue_ids))) throw notFound('queues_not_found', 'No queues found to delete');
  return empty(204);
});
