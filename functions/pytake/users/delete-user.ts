/** DELETE /api/v1/users/{user_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { deleteUser } from './manage.ts';
import { deleteUserRoute } from './user.route.ts';

export const handler = httpRoute(deleteUserRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  await deleteUser(caller, params.user_id);
  return empty(204);
});
