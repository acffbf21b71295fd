/** POST /api/supervisor/calls/{call_id}/monitor. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { monitor } from './supervisor.ts';
import { monitorRoute } from './supervisor.route.ts';

export const handler = httpRoute(monitorRoute, supervisor, async ({ params, body, caller }) => json(await monitor(caller, params.call_id, body?.phone_number)));
