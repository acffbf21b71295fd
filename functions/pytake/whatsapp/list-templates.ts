/** GET /api/v1/whatsapp/{number_id}/templates/local. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getNumber } from './numbers.ts';
import { listTemplates, templateView } from './templates.ts';
import { listTemplatesRoute } from './templates.route.ts';

export const handler = httpRoute(listTemplatesRoute, tenantUser, async ({ params, query, caller }) => {
  const number = await getNumber(caller.organizationId, params.number_id);
  return json((await listTemplates(number, query)).map(templateView));
});
