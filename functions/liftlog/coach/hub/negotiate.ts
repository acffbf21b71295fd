/**
 * `POST /ai-chat-v2/negotiate` and `POST /ai-chat/negotiate`: the SignalR
 * client's first request. A pro user is offered the WebSockets transport; the
 * connection itself is authenticated again by `$connect`.
 */
import { randomBytes } from 'node:crypto';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { proToken } from '../auth/pro-token.ts';
import { negotiateV2Route } from './negotiate.route.ts';

const randomId = () => randomBytes(16).toString('base64url');

// Both hubs' routes share this contract; the v2 declaration stands for both.
export const handler = httpRoute(negotiateV2Route, proToken, async () =>
  json({
    negotiateVersion: 1,
    connectionId: randomId(),
    connectionToken: randomId(),
    availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text'] }],
  }),
);
