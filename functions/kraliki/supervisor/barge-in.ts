/** POST /api/supervisor/calls/{call_id}/barge-in. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { bargeIn } from './supervisor.ts';
import { bargeInRoute } from './supervisor.route.ts';

export const handler = httpRoute(bargeInRoute, supervisor, async ({ params, body, caller }) => json(await bargeIn(caller, params.call_id, body?.phone_number)));
