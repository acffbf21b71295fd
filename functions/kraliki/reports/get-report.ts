/** GET /api/reports/{report_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { getReport } from './reports.ts';
import { getReportRoute } from './reports.route.ts';

export const handler = httpRoute(getReportRoute, supervisor, async ({ params, caller }) => json(await getReport(caller, params.report_id)));
