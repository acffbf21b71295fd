/** GET /api/v1/users/me/stats. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { userStats } from './stats.ts';
import { myStatsRoute } from './stats.route.ts';

export const handler = httpRoute(myStatsRoute, tenantUser, async ({ caller }) => json(await userStats(caller.organizationId, caller.userId)));
