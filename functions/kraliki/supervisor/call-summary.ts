/** GET /api/supervisor/calls/{call_id}/summary. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { callSummary } from './supervisor.ts';
import { callSummaryRoute } from './supervisor.route.ts';

export const handler = httpRoute(callSummaryRoute, supervisor, async ({ params, caller }) => json(await callSummary(caller, params.call_id)));
