/** POST /api/reports/generate. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { generateReport } from './reports.ts';
import { generateReportRoute } from './reports.route.ts';

export const handler = httpRoute(generateReportRoute, supervisor, async ({ body, caller }) => json(await generateReport(caller, body), 202));
