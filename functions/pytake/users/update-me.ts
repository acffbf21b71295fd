/** PUT /api/v1/users/me: the caller's own profile and agent status. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { updateOwnProfile } from './manage.ts';
import { updateMeRoute } from './me.route.ts';
import { userView } from './users.ts';

export const handler = httpRoute(updateMeRoute, tenantUser, async ({ body, caller }) => json(userView(await updateOwnProfile(caller, body))));
