/** POST /api/v1/users: a new user in the caller's organization. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { createUserRoute } from './create-user.route.ts';
import { createUser } from './manage.ts';
import { userView } from './users.ts';

export const handler = httpRoute(createUserRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  return json(userView(await createUser(caller, body)), 201);
});
