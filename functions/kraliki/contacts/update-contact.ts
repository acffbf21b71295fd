/** PUT /api/contacts/{contact_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { updateContactRoute } from './contact-changes.route.ts';
import { updateContact } from './contacts.ts';

export const handler = httpRoute(updateContactRoute, member, async ({ params, body, caller }) => json(await updateContact(caller, params.contact_id, body)));
