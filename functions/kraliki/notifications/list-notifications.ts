/** GET /api/notifications. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listNotifications } from './notifications.ts';
import { listNotificationsRoute } from './notifications.route.ts';

export const handler = httpRoute(listNotificationsRoute, member, async ({ query, caller }) => json(await listNotifications(caller, query)));
