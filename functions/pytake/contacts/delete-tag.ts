/** DELETE /api/v1/contacts/tags/{tag_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { deleteTag } from './tags.ts';
import { deleteTagRoute } from './tags.route.ts';

export const handler = httpRoute(deleteTagRoute, tenantUser, async ({ params, caller }) => {
  requireStaff(caller);
  await deleteTag(caller.organizationId, params.tag_id);
  return empty(204);
});
