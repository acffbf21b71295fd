/** GET /api/v1/notifications. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listNotifications, notificationView } from './notifications.ts';
import { listNotificationsRoute } from './notifications.route.ts';

export const handler = httpRoute(listNotificationsRoute, tenantUser, async ({ query, caller }) =>
  json((await listNotifications(caller.organizationId, caller.userId, query)).map(notificationView)),
);
