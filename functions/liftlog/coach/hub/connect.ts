/**
 * `$connect` of both hubs: the pro credential is checked again (Authorization
 * header, or `access_token` for browsers) before the upgrade, by the route
 * stack; a refused one never gets a connection.
 */
import { websocketRoute } from '#shared/http/websocket-route';
import { proToken } from '../auth/pro-token.ts';
import { recordConnection } from '../chat/chat-state.ts';
import { hubConnectRoute } from './connect.route.ts';

export const handler = websocketRoute(hubConnectRoute, proToken, async ({ connectionId, caller }) => {
  await recordConnection(connectionId, caller);
  return { statusCode: 200 };
});
