/** DELETE /api/v1/contacts/{contact_id}/tags: removes tags, by id. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { removeContactTagsRoute } from './contact-tags.route.ts';
import { changeContactTags, contactViews } from './contacts.ts';

export const handler = httpRoute(removeContactTagsRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  const updated = await changeContactTags(caller.organizationId, params.contact_id, (current) => current.filter((id) => !body.includes(id)));
  const [view] = await contactViews(caller.organizationId, [updated]);
  return json(view);
});
