/** GET /api/reports. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { listReports } from './reports.ts';
import { listReportsRoute } from './reports.route.ts';

export const handler = httpRoute(listReportsRoute, supervisor, async ({ query, caller }) => json(await listReports(caller, query)));
