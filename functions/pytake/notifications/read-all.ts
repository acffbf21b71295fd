/** POST /api/v1/notifications/read-all. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { markAllRead } from './notifications.ts';
import { readAllRoute } from './notifications.route.ts';

export const handler = httpRoute(readAllRoute, tenantUser, async ({ caller }) =>
  json({ marked_as_read: await markAllRead(caller.organizationId, caller.userId) }),
);
