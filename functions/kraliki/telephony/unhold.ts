/** POST /api/telephony/unhold/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { hold } from './telephony.ts';
import { unholdRoute } from './telephony.route.ts';

export const handler = httpRoute(unholdRoute, member, async ({ params, caller }) => json(await hold(caller, params.call_id, false)));
