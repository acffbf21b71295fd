/** GET /filter-skills: the skills catalog. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { session } from './session-auth.ts';
import { filterSkillsRoute } from './skills-filter.route.ts';
import { filterSkills } from './skills.ts';

export const handler = httpRoute(filterSkillsRoute, session, async () => json(filterSkills()));
