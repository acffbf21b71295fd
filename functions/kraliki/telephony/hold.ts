/** POST /api/telephony/hold/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { hold } from './telephony.ts';
import { holdRoute } from './telephony.route.ts';

export const handler = httpRoute(holdRoute, member, async ({ params, caller }) => json(await hold(caller, params.call_id, true)));
