/** DELETE /api/v1/whatsapp/{number_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { deleteNumber } from './numbers.ts';
import { deleteNumberRoute } from './numbers.route.ts';

export const handler = httpRoute(deleteNumberRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  await deleteNumber(caller.organizationId, params.number_id);
  return empty(204);
});
