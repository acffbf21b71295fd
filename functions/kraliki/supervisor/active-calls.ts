/** GET /api/supervisor/active-calls. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { activeCalls } from './supervisor.ts';
import { activeCallsRoute } from './supervisor.route.ts';

export const handler = httpRoute(activeCallsRoute, supervisor, async ({ caller }) => json(await activeCalls(caller)));
