/** POST /api/calls/{call_id}/end. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { endCallRoute } from './calls.route.ts';
import { endCall, requireCall } from './manage.ts';

export const handler = httpRoute(endCallRoute, member, async ({ params, caller }) => json(await endCall(caller, await requireCall(caller, params.call_id))));
