/** GET /api/ivr/menus. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listMenus } from './ivr.ts';
import { listMenusRoute } from './ivr.route.ts';

export const handler = httpRoute(listMenusRoute, member, async ({ caller }) => json({ menus: await listMenus(caller.organizationId) }));
