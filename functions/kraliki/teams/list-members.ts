/** GET /api/teams/{team_id}/members. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listMembersRoute } from './teams.route.ts';
import { listMembers } from './teams.ts';

export const handler = httpRoute(listMembersRoute, member, async ({ params, caller }) => json(await listMembers(caller.organizationId, params.team_id)));
