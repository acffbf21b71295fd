/** GET /api/v1/organizations/{org_id}/stats. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireRole, tenantUser } from '../auth/access.ts';
import { organizationStats } from './platform.ts';
import { organizationStatsRoute } from './platform.route.ts';

export const handler = httpRoute(organizationStatsRoute, tenantUser, async ({ params, caller }) => {
  requireRole(caller, 'super_admin');
  return json(await organizationStats(params.org_id));
});
