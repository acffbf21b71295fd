/** POST /api/users/{user_id}/deactivate. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { setUserStatus } from './manage.ts';
import { deactivateUserRoute } from './users.route.ts';

export const handler = httpRoute(deactivateUserRoute, admin, async ({ params, caller }) => json(await setUserStatus(caller, params.user_id, 'INACTIVE')));
