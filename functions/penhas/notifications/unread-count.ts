/** GET /me/unread-notif-count. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { unreadCount } from './notifications.ts';
import { unreadCountRoute } from './notifications.route.ts';

export const handler = httpRoute(unreadCountRoute, activeAccount, async ({ caller }) => json({ count: await unreadCount(caller.userId) }));
