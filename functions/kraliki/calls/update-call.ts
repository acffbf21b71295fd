/** PUT /api/calls/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { updateCallRoute } from './calls.route.ts';
import { updateCall } from './manage.ts';

export const handler = httpRoute(updateCallRoute, member, async ({ params, body, caller }) => json(await updateCall(caller, params.call_id, body)));
