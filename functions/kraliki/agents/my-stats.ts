/** GET /api/agent/my-stats. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { myStatsRoute } from './agents.route.ts';
import { myStats } from './stats.ts';

export const handler = httpRoute(myStatsRoute, member, async ({ caller }) => json(await myStats(caller)));
