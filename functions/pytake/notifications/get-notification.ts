/** GET /api/v1/notifications/{notification_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getNotification, notificationView } from './notifications.ts';
import { getNotificationRoute } from './notifications.route.ts';

export const handler = httpRoute(getNotificationRoute, tenantUser, async ({ params, caller }) =>
  json(notificationView(await getNotification(caller.organizationId, caller.userId, params.notification_id))),
);
