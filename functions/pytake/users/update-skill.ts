/** PUT /api/v1/users/{user_id}/skills/{skill_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { skillView, updateSkill } from './skills.ts';
import { updateSkillRoute } from './skills.route.ts';

export const handler = httpRoute(updateSkillRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json(skillView(await updateSkill(caller.organizationId, params.user_id, params.skill_id, body)));
});
