/** GET /filter-tags: the timeline's filters for her (the account must be active, as in the original). */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from './session-auth.ts';
import { filterTagsRoute } from './tags-filter.route.ts';
import { filterTags } from './tags.ts';

export const handler = httpRoute(filterTagsRoute, activeAccount, async ({ caller }) => json(filterTags(caller.user)));
