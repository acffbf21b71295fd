/** PUT /api/ivr/menus/{menu_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { updateMenu } from './ivr.ts';
import { updateMenuRoute } from './ivr.route.ts';

export const handler = httpRoute(updateMenuRoute, supervisor, async ({ params, body, caller }) =>
  json({ success: true, message: 'IVR menu updated', menu: await updateMenu(caller.organizationId, params.menu_id, body) }),
);
