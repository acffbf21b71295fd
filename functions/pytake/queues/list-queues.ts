/** GET /api/v1/queues. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listQueues, queueView } from './queues.ts';
import { listQueuesRoute } from './queues.route.ts';

export const handler = httpRoute(listQueuesRoute, tenantUser, async ({ query, caller }) => {
  const queues = (await listQueues(caller.organizationId)).filter(
    (queue) =>
      (query.department_id === undefined || queue.department_id === query.department_id) &&
      (query.is_active === undefined || queue.is_active === query.is_active),
  );
  return json(queues.slice(query.skip, query.skip + query.limit).map(queueView));
});
