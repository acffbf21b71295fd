/** POST /api/v1/whatsapp/{number_id}/templates/sync. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { getNumber } from './numbers.ts';
import { syncTemplates } from './templates.ts';
import { syncTemplatesRoute } from './templates.route.ts';

export const handler = httpRoute(syncTemplatesRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  return json(await syncTemplates(await getNumber(caller.organizationId, params.number_id)));
});
