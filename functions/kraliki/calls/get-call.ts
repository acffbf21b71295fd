/** GET /api/calls/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getCallRoute } from './calls.route.ts';
import { callView, requireCall } from './manage.ts';

export const handler = httpRoute(getCallRoute, member, async ({ params, caller }) => json(callView(await requireCall(caller, params.call_id))));
