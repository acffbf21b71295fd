/** GET /api/v1/users/{user_id}/skills. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listSkills, skillView } from './skills.ts';
import { listSkillsRoute } from './skills.route.ts';

export const handler = httpRoute(listSkillsRoute, tenantUser, async ({ params, caller }) =>
  json((await listSkills(caller.organizationId, params.user_id)).map(skillView)),
);
