/** GET /api/supervisor/queues. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { queueSizes } from './queue-sizes.ts';
import { queueSizesRoute } from './queues.route.ts';

export const handler = httpRoute(queueSizesRoute, supervisor, async ({ caller }) => json(await queueSizes(caller.organizationId)));
