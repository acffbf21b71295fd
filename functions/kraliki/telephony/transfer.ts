/** POST /api/telephony/transfer. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { transfer } from './telephony.ts';
import { transferRoute } from './telephony.route.ts';

export const handler = httpRoute(transferRoute, supervisor, async ({ body, caller }) => json(await transfer(caller, body)));
