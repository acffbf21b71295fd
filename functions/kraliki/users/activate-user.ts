/** POST /api/users/{user_id}/activate. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { setUserStatus } from './manage.ts';
import { activateUserRoute } from './users.route.ts';

export const handler = httpRoute(activateUserRoute, admin, async ({ params, caller }) => json(await setUserStatus(caller, params.user_id, 'ACTIVE')));
