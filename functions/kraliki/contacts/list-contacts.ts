/** GET /api/contacts. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { pageOf } from '../params.ts';
import { listContactsRoute } from './contacts.route.ts';
import { contactView, listContacts } from './contacts.ts';

export const handler = httpRoute(listContactsRoute, member, async ({ query, caller }) => {
  const contacts = await listContacts(caller.organizationId, { campaign_id: query.campaign_id, status: query.status });
  return json({ contacts: pageOf(contacts, query.skip, query.limit).map(contactView), total: contacts.length, skip: query.skip, limit: query.limit });
});
