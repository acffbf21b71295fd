/** GET /api/v1/contacts/{contact_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { contactViews, getContact } from './contacts.ts';
import { getContactRoute } from './contacts.route.ts';

export const handler = httpRoute(getContactRoute, tenantUser, async ({ params, caller }) => {
  const [view] = await contactViews(caller.organizationId, [await getContact(caller.organizationId, params.contact_id)]);
  return json(view);
});
