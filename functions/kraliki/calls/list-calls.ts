/** GET /api/calls. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listCallsRoute } from './calls.route.ts';
import { listCalls } from './manage.ts';

export const handler = httpRoute(listCallsRoute, member, async ({ query, caller }) => json(await listCalls(caller, query)));
