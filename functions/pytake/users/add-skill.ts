/** POST /api/v1/users/{user_id}/skills. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { addSkill, skillView } from './skills.ts';
import { addSkillRoute } from './skills.route.ts';

export const handler = httpRoute(addSkillRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json(skillView(await addSkill(caller.organizationId, params.user_id, body)), 201);
});
