/** PUT /api/v1/contacts/tags/{tag_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { tagView, updateTag } from './tags.ts';
import { updateTagRoute } from './tags.route.ts';

export const handler = httpRoute(updateTagRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  return json(tagView(await updateTag(caller.organizationId, params.tag_id, body)));
});
