/** GET /api/v1/queues/{queue_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getQueue, queueView } from './queues.ts';
import { getQueueRoute } from './queues.route.ts';

export const handler = httpRoute(getQueueRoute, tenantUser, async ({ params, caller }) =>
  json(queueView(await getQueue(caller.organizationId, params.queue_id))),
);
