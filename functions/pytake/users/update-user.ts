/** PUT /api/v1/users/{user_id}: admins change a user of their organization. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { updateUser } from './manage.ts';
import { updateUserRoute } from './user.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(updateUserRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json(userView(await updateUser(caller, params.user_id, body)));
});
