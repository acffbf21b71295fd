/** GET /api/notifications/unread-count. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { unreadCount } from './notifications.ts';
import { unreadCountRoute } from './notifications.route.ts';

export const handler = httpRoute(unreadCountRoute, member, async ({ caller }) => json({ unread_count: await unreadCount(caller) }));
