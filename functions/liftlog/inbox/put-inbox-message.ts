/** PUT /inbox: drops an encrypted message into a user's inbox; no auth, 404 for an unknown recipient. */
import * as z from 'zod/mini';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { base64Bytes, guid, jsonObject } from '../wire.ts';
import { deliverMessage } from './inbox.ts';

const body = jsonObject({
  toUserId: guid(),
  encryptedMessage: z.array(base64Bytes({ max: 1_024 })).check(z.minLength(1), z.maxLength(20)),
});

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  await deliverMessage(body.toUserId, body.encryptedMessage);
  return empty();
});
