/** PUT /inbox: drops an encrypted message into a user's inbox; no auth, 404 for an unknown recipient. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { deliverMessage } from './inbox.ts';
import { putInboxMessageRoute } from './put-inbox-message.route.ts';

export const handler = httpRoute(putInboxMessageRoute, async ({ body }) => {
  await deliverMessage(body.toUserId, body.encryptedMessage);
  return empty();
});
