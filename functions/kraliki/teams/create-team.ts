/** POST /api/teams. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { createTeamRoute } from './teams.route.ts';
import { createTeam } from './teams.ts';

export const handler = httpRoute(createTeamRoute, supervisor, async ({ body, caller }) => json(await createTeam(caller, body), 201));
