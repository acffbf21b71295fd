/** GET /api/v1/organizations/{org_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireRole, tenantUser } from '../auth/access.ts';
import { orgView } from './organizations.ts';
import { getOrganization } from './platform.ts';
import { getOrganizationRoute } from './platform.route.ts';

export const handler = httpRoute(getOrganizationRoute, tenantUser, async ({ params, caller }) => {
  requireRole(caller, 'super_admin');
  return json(orgView(await getOrganization(params.org_id)));
});
