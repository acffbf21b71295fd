/** GET /api/v1/organizations/me. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getMyOrganizationRoute } from './organization.route.ts';
import { myOrganization, orgView } from './organizations.ts';

export const handler = httpRoute(getMyOrganizationRoute, tenantUser, async ({ caller }) => json(orgView(await myOrganization(caller.organizationId))));
