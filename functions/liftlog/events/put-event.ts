/** PUT /event: publishes (or re-publishes) one of the caller's encrypted feed events. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { authenticate } from '../users/authenticate.ts';
import { base64Bytes, dateTime, guid, jsonObject, nonBlank } from '../wire.ts';
import { publishEvent } from './events.ts';

const body = jsonObject({
  userId: guid(),
  password: nonBlank(),
  eventId: guid(),
  encryptedEventPayload: base64Bytes({ min: 1, max: 15_360 }),
  encryptedEventIV: base64Bytes({ min: 1, max: 16 }),
  expiry: dateTime(),
});

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  await authenticate(body.userId, body.password);
  await publishEvent(body);
  return empty();
});
