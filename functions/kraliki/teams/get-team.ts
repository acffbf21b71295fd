/** GET /api/teams/{team_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getTeamRoute } from './teams.route.ts';
import { getTeam, teamView } from './teams.ts';

export const handler = httpRoute(getTeamRoute, member, async ({ params, caller }) => json(teamView(await getTeam(caller.organizationId, params.team_id))));
