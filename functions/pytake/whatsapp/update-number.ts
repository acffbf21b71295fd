/** PUT /api/v1/whatsapp/{number_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { introduceNumber } from './graph-api.ts';
import { credentialsOf, numberView, updateNumber } from './numbers.ts';
import { updateNumberRoute } from './numbers.route.ts';

export const handler = httpRoute(updateNumberRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  const record = await updateNumber(caller.organizationId, params.number_id, body);
  if (body.access_token !== undefined || body.app_secret !== undefined) await introduceNumber({ ...record, ...(await credentialsOf(record)) });
  return json(numberView(record));
});
