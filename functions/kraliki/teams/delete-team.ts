/** DELETE /api/teams/{team_id}. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteTeamRoute } from './teams.route.ts';
import { deleteTeam } from './teams.ts';

export const handler = httpRoute(deleteTeamRoute, supervisor, async ({ params, caller }) => {
  await deleteTeam(caller, params.team_id);
  return empty(204);
});
