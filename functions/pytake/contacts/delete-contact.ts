/** DELETE /api/v1/contacts/{contact_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { deleteContact } from './contacts.ts';
import { deleteContactRoute } from './contacts.route.ts';

export const handler = httpRoute(deleteContactRoute, tenantUser, async ({ params, caller }) => {
  requireStaff(caller);
  await deleteContact(caller.organizationId, params.contact_id);
  return empty(204);
});
