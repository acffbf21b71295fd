/** POST /api/supervisor/calls/{call_id}/end. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { endSupervisedCall } from './supervisor.ts';
import { endRoute } from './supervisor.route.ts';

export const handler = httpRoute(endRoute, supervisor, async ({ params, caller }) => json(await endSupervisedCall(caller, params.call_id)));
