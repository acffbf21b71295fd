/** POST /api/v1/queues. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { createQueue, queueView } from './queues.ts';
import { createQueueRoute } from './queues.route.ts';

export const handler = httpRoute(createQueueRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  return json(queueView(await createQueue(caller.organizationId, body)), 201);
});
