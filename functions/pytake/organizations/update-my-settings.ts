/** PUT /api/v1/organizations/me/settings. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { updateMySettingsRoute } from './organization.route.ts';
import { orgView, updateSettings } from './organizations.ts';

export const handler = httpRoute(updateMySettingsRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  return json(orgView(await updateSettings(caller.organizationId, body)));
});
