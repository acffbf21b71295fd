/** GET /api/v1/users/skills/available. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { availableSkills } from './skills.ts';
import { availableSkillsRoute } from './skills.route.ts';

export const handler = httpRoute(availableSkillsRoute, tenantUser, async ({ caller }) => json(await availableSkills(caller.organizationId)));
