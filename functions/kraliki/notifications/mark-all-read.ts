/** POST /api/notifications/read-all. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { markAllRead } from './notifications.ts';
import { markAllReadRoute } from './notifications.route.ts';

export const handler = httpRoute(markAllReadRoute, member, async ({ caller }) => json(await markAllRead(caller)));
