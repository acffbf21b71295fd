/** PUT /api/v1/contacts/{contact_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { checkAssignee, contactViews, updateContact } from './contacts.ts';
import { updateContactRoute } from './contacts.route.ts';

export const handler = httpRoute(updateContactRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  await checkAssignee(caller.organizationId, body.assigned_agent_id);
  const [view] = await contactViews(caller.organizationId, [await updateContact(caller.organizationId, params.contact_id, body)]);
  return json(view);
});
