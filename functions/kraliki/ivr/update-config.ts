/** PUT /api/ivr/config. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { updateConfig } from './ivr.ts';
import { updateConfigRoute } from './ivr.route.ts';

export const handler = httpRoute(updateConfigRoute, supervisor, async ({ body, caller }) =>
  json({ success: true, message: 'IVR configuration updated', config: await updateConfig(caller.organizationId, body) }),
);
