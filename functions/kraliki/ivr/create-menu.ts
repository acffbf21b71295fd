/** POST /api/ivr/menus. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { createMenu } from './ivr.ts';
import { createMenuRoute } from './ivr.route.ts';

export const handler = httpRoute(createMenuRoute, supervisor, async ({ body, caller }) =>
  json({ success: true, message: 'IVR menu created', menu: await createMenu(caller.organizationId, body) }, 201),
);
