/** POST /shareditem: publishes an encrypted item behind a share link; an unknown user gets 401, as in the original. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { authenticate } from '../users/authenticate.ts';
import { base64Bytes, dateTime, guid, jsonObject, nonBlank } from '../wire.ts';
import { createSharedItem } from './shared-items.ts';

const body = jsonObject({
  userId: guid(),
  password: nonBlank(40),
  encryptedPayload: jsonObject({
    encryptedPayload: base64Bytes({ max: 20_480 }),
    iv: jsonObject({ value: base64Bytes({ min: 16, max: 16 }) }),
  }),
  expiry: dateTime(),
});

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  const owner = await authenticate(body.userId, body.password, { unknownUser: 'unauthenticated' });
  const id = await createSharedItem(owner, {
    encryptedPayload: body.encryptedPayload.encryptedPayload,
    iv: body.encryptedPayload.iv.value,
    expiry: body.expiry,
  });
  return json({ id });
});
