/** PUT /api/users/{user_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { updateUser } from './manage.ts';
import { updateUserRoute } from './users.route.ts';

export const handler = httpRoute(updateUserRoute, admin, async ({ params, body, caller }) => json(await updateUser(caller, params.user_id, body)));
