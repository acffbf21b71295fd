/** POST /api/v1/whatsapp/{number_id}/templates. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { getNumber } from './numbers.ts';
import { createTemplate, templateView } from './templates.ts';
import { createTemplateRoute } from './templates.route.ts';

export const handler = httpRoute(createTemplateRoute, tenantUser, async ({ params, query, body, caller }) => {
  requireAdmin(caller);
  const number = await getNumber(caller.organizationId, params.number_id);
  return json(templateView(await createTemplate(number, body, query.submit ?? true)), 201);
});
