/** PUT /api/v1/contacts/{contact_id}/tags: the contact's tags become these names (missing tags are created). */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { replaceContactTagsRoute } from './contact-tags.route.ts';
import { changeContactTags, contactViews, getContact } from './contacts.ts';
import { tagIdsForNames } from './tags.ts';

export const handler = httpRoute(replaceContactTagsRoute, tenantUser, async ({ params, body, caller }) => {
  requireStaff(caller);
  // The contact is checked first, so an unknown contact creates no tags.
  await getContact(caller.organizationId, params.contact_id);
  const ids = await tagIdsForNames(caller.organizationId, body);
  const [view] = await contactViews(caller.organizationId, [await changeContactTags(caller.organizationId, params.contact_id, () => ids)]);
  return json(view);
});
