/** GET /api/v1/users/{user_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getUser } from './manage.ts';
import { getUserRoute } from './user.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(getUserRoute, tenantUser, async ({ params, caller }) => json(userView(await getUser(caller.organizationId, params.user_id))));
