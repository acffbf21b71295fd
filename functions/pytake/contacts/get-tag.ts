/** GET /api/v1/contacts/tags/{tag_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getTag, tagView } from './tags.ts';
import { getTagRoute } from './tags.route.ts';

export const handler = httpRoute(getTagRoute, tenantUser, async ({ params, caller }) => json(tagView(await getTag(caller.organizationId, params.tag_id))));
