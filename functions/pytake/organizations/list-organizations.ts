/** GET /api/v1/organizations. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireRole, tenantUser } from '../auth/access.ts';
import { orgView } from './organizations.ts';
import { listOrganizations } from './platform.ts';
import { listOrganizationsRoute } from './platform.route.ts';

export const handler = httpRoute(listOrganizationsRoute, tenantUser, async ({ query, caller }) => {
  requireRole(caller, 'super_admin');
  return json((await listOrganizations(query.skip, query.limit, query.is_active)).map(orgView));
});
