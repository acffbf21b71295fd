/** GET /api/v1/queues/{queue_id}/metrics. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { queueMetrics } from './metrics.ts';
import { queueMetricsRoute } from './metrics.route.ts';

export const handler = httpRoute(queueMetricsRoute, tenantUser, async ({ params, query, caller }) =>
  json(await queueMetrics(caller.organizationId, params.queue_id, query.days)),
);
