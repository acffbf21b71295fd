/** POST /api/v1/contacts/tags. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { createTag, tagView } from './tags.ts';
import { createTagRoute } from './tags.route.ts';

export const handler = httpRoute(createTagRoute, tenantUser, async ({ body, caller }) => {
  requireStaff(caller);
  return json(tagView(await createTag(caller.organizationId, body)), 201);
});
