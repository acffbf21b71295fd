/** GET /api/v1/contacts. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { contactViews, listContacts } from './contacts.ts';
import { listContactsRoute } from './contacts.route.ts';

export const handler = httpRoute(listContactsRoute, tenantUser, async ({ query, caller }) =>
  json(await contactViews(caller.organizationId, await listContacts(caller.organizationId, query))),
);
