/** GET /api/auth/me. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getUser, userView } from '../users/users.ts';
import { meRoute } from './auth.route.ts';
import { member } from './authenticators.ts';

export const handler = httpRoute(meRoute, member, async ({ caller }) => json(userView(await getUser(caller.organizationId, caller.userId))));
