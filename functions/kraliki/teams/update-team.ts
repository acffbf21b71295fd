/** PUT /api/teams/{team_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { updateTeamRoute } from './teams.route.ts';
import { updateTeam } from './teams.ts';

export const handler = httpRoute(updateTeamRoute, supervisor, async ({ params, body, caller }) => json(await updateTeam(caller, params.team_id, body)));
