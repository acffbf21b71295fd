/** PUT /api/v1/organizations/me. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { updateMyOrganizationRoute } from './organization.route.ts';
import { orgView, updateOrganization } from './organizations.ts';

export const handler = httpRoute(updateMyOrganizationRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  return json(orgView(await updateOrganization(caller.organizationId, body)));
});
