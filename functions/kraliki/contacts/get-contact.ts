/** GET /api/contacts/{contact_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getContactRoute } from './contacts.route.ts';
import { contactView, getContact } from './contacts.ts';

export const handler = httpRoute(getContactRoute, member, async ({ params, caller }) =>
  json(contactView(await getContact(caller.organizationId, params.contact_id))),
);
