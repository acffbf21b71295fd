/** GET /api/ivr/menus/{menu_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getMenu } from './ivr.ts';
import { getMenuRoute } from './ivr.route.ts';

export const handler = httpRoute(getMenuRoute, member, async ({ params, caller }) => json(await getMenu(caller.organizationId, params.menu_id)));
