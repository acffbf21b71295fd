/** GET /api/ivr/config. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getConfig } from './ivr.ts';
import { getConfigRoute } from './ivr.route.ts';

export const handler = httpRoute(getConfigRoute, member, async ({ caller }) => json(await getConfig(caller.organizationId)));
