/** GET /api/teams. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { pageOf } from '../params.ts';
import { listTeamsRoute } from './teams.route.ts';
import { listTeams, teamView } from './teams.ts';

export const handler = httpRoute(listTeamsRoute, member, async ({ query, caller }) => {
  const teams = await listTeams(caller.organizationId);
  return json({ teams: pageOf(teams, query.skip, query.limit).map(teamView), total: teams.length, skip: query.skip, limit: query.limit });
});
