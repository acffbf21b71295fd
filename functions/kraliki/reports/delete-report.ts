/** DELETE /api/reports/{report_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteReport } from './reports.ts';
import { deleteReportRoute } from './reports.route.ts';

export const handler = httpRoute(deleteReportRoute, supervisor, async ({ params, caller }) => json(await deleteReport(caller, params.report_id)));
