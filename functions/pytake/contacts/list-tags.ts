/** GET /api/v1/contacts/tags. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listTags, tagView } from './tags.ts';
import { listTagsRoute } from './tags.route.ts';

export const handler = httpRoute(listTagsRoute, tenantUser, async ({ caller }) => json((await listTags(caller.organizationId)).map(tagView)));
