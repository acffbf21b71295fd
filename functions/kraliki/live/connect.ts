/** `$connect`: attempts limited per address, then the access token; the connection is recorded with the caller's organization, user and role. */
import { websocketRoute } from '#shared/http/websocket-route';
import { live } from './live.ts';
import { liveCaller } from './live-caller.ts';
import { liveRoutes } from './live.route.ts';

export const handler = live.limitConnects(
  websocketRoute(liveRoutes.$connect, liveCaller, async ({ connectionId, caller }) => {
    await live.register(connectionId, { orgId: caller.organizationId, userId: caller.userId, role: caller.role });
    return { statusCode: 200 };
  }),
);
