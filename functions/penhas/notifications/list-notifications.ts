/** GET /me/notifications. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { listNotifications } from './notifications.ts';
import { listNotificationsRoute } from './notifications.route.ts';

export const handler = httpRoute(listNotificationsRoute, activeAccount, async ({ query, caller }) =>
  json(await listNotifications(caller.user, { next_page: query.next_page || undefined, rows: query.rows === undefined ? undefined : Number(query.rows) })),
);
