/** GET /api/v1/users/{user_id}/stats. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getUser } from './manage.ts';
import { userStats } from './stats.ts';
import { userStatsRoute } from './stats.route.ts';

export const handler = httpRoute(userStatsRoute, tenantUser, async ({ params, caller }) => {
  const user = await getUser(caller.organizationId, params.user_id);
  return json(await userStats(caller.organizationId, user.id));
});
