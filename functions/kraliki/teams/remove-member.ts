/** DELETE /api/teams/{team_id}/members/{user_id}. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { removeMemberRoute } from './teams.route.ts';
import { removeMember } from './teams.ts';

export const handler = httpRoute(removeMemberRoute, supervisor, async ({ params, caller }) => {
  await removeMember(caller, params.team_id, params.user_id);
  return empty(204);
});
