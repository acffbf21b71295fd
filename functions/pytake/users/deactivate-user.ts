/** POST /api/v1/users/{user_id}/deactivate. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { setActive } from './manage.ts';
import { deactivateUserRoute } from './user.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(deactivateUserRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  return json(userView(await setActive(caller, params.user_id, false)));
});
