/** POST /api/v1/contacts/{contact_id}/block. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireStaff, tenantUser } from '../auth/access.ts';
import { contactViews, updateContact } from './contacts.ts';
import { blockContactRoute } from './contacts.route.ts';

export const handler = httpRoute(blockContactRoute, tenantUser, async ({ params, query, caller }) => {
  requireStaff(caller);
  const [view] = await contactViews(caller.organizationId, [
    await updateContact(caller.organizationId, params.contact_id, { is_blocked: true, blocked_reason: query.reason ?? null }),
  ]);
  return json(view);
});
