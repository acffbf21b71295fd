/** POST /api/ivr/flows. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { createFlow } from './ivr.ts';
import { createFlowRoute } from './ivr.route.ts';

export const handler = httpRoute(createFlowRoute, supervisor, async ({ body, caller }) =>
  json({ success: true, message: 'IVR flow created', flow: await createFlow(caller.organizationId, body) }, 201),
);
