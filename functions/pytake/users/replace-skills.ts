/** PUT /api/v1/users/{user_id}/skills. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { replaceSkills, skillView } from './skills.ts';
import { replaceSkillsRoute } from './skills.route.ts';

export const handler = httpRoute(replaceSkillsRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json((await replaceSkills(caller.organizationId, params.user_id, body)).map(skillView));
});
