/** GET /api/v1/auth/me: the caller, as read for this request. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { userView } from '../users/users.ts';
import { tenantUser } from './access.ts';
import { meRoute } from './me.route.ts';

export const handler = httpRoute(meRoute, tenantUser, async ({ caller }) => json({ ...userView(caller.user), permissions: [] }));
