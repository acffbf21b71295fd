/** POST /api/v1/notifications/{notification_id}/read. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { markRead, notificationView } from './notifications.ts';
import { markReadRoute } from './notifications.route.ts';

export const handler = httpRoute(markReadRoute, tenantUser, async ({ params, caller }) =>
  json(notificationView(await markRead(caller.organizationId, caller.userId, params.notification_id))),
);
