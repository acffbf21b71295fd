/** DELETE /api/v1/notifications/{notification_id}: answers `{deleted: true}` as the original. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { deleteNotification } from './notifications.ts';
import { deleteNotificationRoute } from './notifications.route.ts';

export const handler = httpRoute(deleteNotificationRoute, tenantUser, async ({ params, caller }) => {
  await deleteNotification(caller.organizationId, caller.userId, params.notification_id);
  return json({ deleted: true });
});
