/** GET /api/users. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { pageOf } from '../params.ts';
import { listUsers } from './manage.ts';
import { listUsersRoute } from './users.route.ts';

export const handler = httpRoute(listUsersRoute, admin, async ({ query, caller }) => {
  const users = await listUsers(caller, { role: query.role, status: query.status });
  return json({ users: pageOf(users, query.skip, query.limit), total: users.length, skip: query.skip, limit: query.limit });
});
