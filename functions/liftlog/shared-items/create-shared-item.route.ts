import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { base64Bytes, dateTime, guid, jsonObject, nonBlank } from '../wire.ts';

export const createSharedItemRoute = liftlogRoute({
  method: 'POST',
  path: '/shareditem',
  auth: 'password',
  handler: 'functions/liftlog/shared-items/create-shared-item.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: 'Publishes an encrypted item behind a share link',
  request: {
    body: jsonObject({
      userId: guid(),
      password: nonBlank(40),
      encryptedPayload: jsonObject({
        encryptedPayload: base64Bytes({ max: 20_480 }),
        iv: jsonObject({ value: base64Bytes({ min: 16, max: 16 }) }),
      }),
      expiry: dateTime(),
    }),
  },
  // An unknown user is 401 here, not 404, as in the original.
  responses: { 200: ok('The share id', z.object({ id: z.string() })), 401: failure('Unknown user or wrong password') },
  objectIds: [{ object: 'user', from: 'body', field: 'userId', owner: 'caller' }],
});
