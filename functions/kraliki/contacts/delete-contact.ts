/** DELETE /api/contacts/{contact_id}. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteContactRoute } from './contacts.route.ts';
import { deleteContact } from './contacts.ts';

export const handler = httpRoute(deleteContactRoute, supervisor, async ({ params, caller }) => {
  await deleteContact(caller, params.contact_id);
  return empty(204);
});
