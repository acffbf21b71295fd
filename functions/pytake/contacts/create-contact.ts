/** POST /api/v1/contacts. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { checkAssignee, contactViews, createContact } from './contacts.ts';
import { createContactRoute } from './contacts.route.ts';
import { notifyNewContact } from '../notifications/notify.ts';

export const handler = httpRoute(createContactRoute, tenantUser, async ({ body, caller }) => {
  requireStaff(caller);
  await checkAssignee(caller.organizationId, body.assigned_agent_id);
  const contact = await createContact(caller.organizationId, body);
  await notifyNewContact(caller.organizationId, contact, caller.userId);
  const [view] = await contactViews(caller.organizationId, [contact]);
  return json(view, 201);
});
