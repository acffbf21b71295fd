/** POST /api/teams/{team_id}/members. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { addMemberRoute } from './teams.route.ts';
import { addMember } from './teams.ts';

export const handler = httpRoute(addMemberRoute, supervisor, async ({ params, body, caller }) => json(await addMember(caller, params.team_id, body), 201));
