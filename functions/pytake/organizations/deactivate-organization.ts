/** POST /api/v1/organizations/{org_id}/deactivate. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireRole, tenantUser } from '../auth/access.ts';
import { orgView } from './organizations.ts';
import { setActive } from './platform.ts';
import { deactivateOrganizationRoute } from './platform.route.ts';

export const handler = httpRoute(deactivateOrganizationRoute, tenantUser, async ({ params, caller }) => {
  requireRole(caller, 'super_admin');
  return json(orgView(await setActive(params.org_id, false, caller.organizationId)));
});
