/** GET /api/v1/notifications/unread-count. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { unreadCount } from './notifications.ts';
import { unreadCountRoute } from './notifications.route.ts';

export const handler = httpRoute(unreadCountRoute, tenantUser, async ({ caller }) =>
  json({ unread_count: await unreadCount(caller.organizationId, caller.userId) }),
);
