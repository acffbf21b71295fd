/** GET /api/v1/users/me: the caller, as read for this request. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getMeRoute } from './me.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(getMeRoute, tenantUser, async ({ caller }) => json(userView(caller.user)));
