/** POST /api/telephony/unmute/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { mute } from './telephony.ts';
import { unmuteRoute } from './telephony.route.ts';

export const handler = httpRoute(unmuteRoute, member, async ({ params, caller }) => json(await mute(caller, params.call_id, false)));
