/** GET /api/v1/users: the caller's organization's users. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listUsersRoute } from './list-users.route.ts';
import { listUsers } from './manage.ts';
import { userView } from './users.ts';

export const handler = httpRoute(listUsersRoute, tenantUser, async ({ query, caller }) => json((await listUsers(caller.organizationId, query)).map(userView)));
