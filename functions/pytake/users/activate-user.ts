/** POST /api/v1/users/{user_id}/activate. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { setActive } from './manage.ts';
import { activateUserRoute } from './user.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(activateUserRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  return json(userView(await setActive(caller, params.user_id, true)));
});
