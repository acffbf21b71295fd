/** GET /api/v1/contacts/{contact_id}/stats. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { contactStats, getContact } from './contacts.ts';
import { contactStatsRoute } from './contacts.route.ts';

export const handler = httpRoute(contactStatsRoute, tenantUser, async ({ params, caller }) =>
  json(contactStats(await getContact(caller.organizationId, params.contact_id))),
);
