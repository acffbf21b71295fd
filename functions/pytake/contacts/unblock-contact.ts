/** POST /api/v1/contacts/{contact_id}/unblock. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { contactViews, updateContact } from './contacts.ts';
import { unblockContactRoute } from './contacts.route.ts';

export const handler = httpRoute(unblockContactRoute, tenantUser, async ({ params, caller }) => {
  requireStaff(caller);
  const [view] = await contactViews(caller.organizationId, [await updateContact(caller.organizationId, params.contact_id, { is_blocked: false })]);
  return json(view);
});
