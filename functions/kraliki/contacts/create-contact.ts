/** POST /api/contacts. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { createContactRoute } from './contact-changes.route.ts';
import { createContact } from './contacts.ts';

export const handler = httpRoute(createContactRoute, member, async ({ body, caller }) => json(await createContact(caller, body), 201));
