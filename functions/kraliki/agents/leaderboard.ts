/** GET /api/agent/leaderboard. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { leaderboardRoute } from './agents.route.ts';
import { leaderboard } from './stats.ts';

export const handler = httpRoute(leaderboardRoute, member, async ({ caller }) => json(await leaderboard(caller)));
