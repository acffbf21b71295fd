/** DELETE /api/v1/users/{user_id}/skills/{skill_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { deleteSkill } from './skills.ts';
import { deleteSkillRoute } from './skills.route.ts';

export const handler = httpRoute(deleteSkillRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  await deleteSkill(caller.organizationId, params.user_id, params.skill_id);
  return empty(204);
});
