/** GET /api/contacts. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listContactsRoute } from './contacts.route.ts';
import { contactView, listContacts } from './contacts.ts';

export const handler = httpRoute(listContactsRoute, member, async ({ query, caller }) => {
  const { contacts, total } = await listContacts(caller.organizationId, { campaign_id: query.campaign_id, status: query.status }, query.skip, query.limit);
  return json({ contacts: contacts.map(contactView), total, skip: query.skip, limit: query.limit });
});
