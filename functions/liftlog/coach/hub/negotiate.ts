/**
 * `POST /ai-chat-v2/negotiate` and `POST /ai-chat/negotiate`: the SignalR
 * client's first request. A pro user is offered the WebSockets transport; the
 * connection itself is authenticated again by `$connect`.
 */
import { randomBytes } from 'node:crypto';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { authenticateProUser } from '../auth/pro-token.ts';

const randomId = () => randomBytes(16).toString('base64url');

export const handler = httpRoute({ errors: liftlogErrors }, async ({ event }) => {
  await authenticateProUser(event);
  return json({
    negotiateVersion: 1,
    connectionId: randomId(),
    connectionToken: randomId(),
    availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text'] }],
  });
});
