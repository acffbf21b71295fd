/** DELETE /api/ivr/menus/{menu_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteMenu } from './ivr.ts';
import { deleteMenuRoute } from './ivr.route.ts';

export const handler = httpRoute(deleteMenuRoute, supervisor, async ({ params, caller }) => {
  await deleteMenu(caller.organizationId, params.menu_id);
  return json({ success: true, message: 'IVR menu deleted' });
});
