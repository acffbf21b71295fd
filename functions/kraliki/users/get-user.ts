/** GET /api/users/{user_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { getUser, userView } from './users.ts';
import { getUserRoute } from './users.route.ts';

export const handler = httpRoute(getUserRoute, admin, async ({ params, caller }) => json(userView(await getUser(caller.organizationId, params.user_id))));
