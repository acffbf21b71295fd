/** GET /api/v1/contacts/stats. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { organizationStats } from './contacts.ts';
import { contactStatsOverviewRoute } from './contacts.route.ts';

export const handler = httpRoute(contactStatsOverviewRoute, tenantUser, async ({ caller }) => json(await organizationStats(caller.organizationId)));
