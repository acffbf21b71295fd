/** POST /api/notifications/{notification_id}/read. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { markRead } from './notifications.ts';
import { markReadRoute } from './notifications.route.ts';

export const handler = httpRoute(markReadRoute, member, async ({ params, caller }) => json(await markRead(caller, params.notification_id)));
