/** POST /shareditem: publishes an encrypted item behind a share link; an unknown user gets 401, as in the original. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from '../users/authenticate.ts';
import { createSharedItemRoute } from './create-shared-item.route.ts';
import { createSharedItem } from './shared-items.ts';

export const handler = httpRoute(createSharedItemRoute, password('userId', { unknownUser: 'unauthenticated' }), async ({ body, caller }) => {
  const id = await createSharedItem(caller, {
    encryptedPayload: body.encryptedPayload.encryptedPayload,
    iv: body.encryptedPayload.iv.value,
    expiry: body.expiry,
  });
  return json({ id });
});
