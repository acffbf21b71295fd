/** POST /api/v1/contacts/{contact_id}/tags: adds tags of the organization, by id. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { addContactTagsRoute } from './contact-tags.route.ts';
import { changeContactTags, contactViews } from './contacts.ts';
import { requireTags } from './tags.ts';

export const handler = httpRoute(addContactTagsRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  await requireTags(caller.organizationId, body);
  const updated = await changeContactTags(caller.organizationId, params.contact_id, (current) => [...current, ...body]);
  const [view] = await contactViews(caller.organizationId, [updated]);
  return json(view);
});
