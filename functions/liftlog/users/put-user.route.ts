import * as z from 'zod/mini';
import { failure, noContent } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';
import { buckets } from '../resources.ts';
import { base64Bytes, guid, jsonObject, nonBlank } from '../wire.ts';

export const putUserRoute = liftlogRoute({
  method: 'PUT',
  path: '/user',
  auth: 'password',
  handler: 'functions/liftlog/users/put-user.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  access: { buckets: { [buckets.profilePictures]: 'readwrite' } },
  summary: "Replaces the caller's encrypted profile: all five fields, an omitted or null one is cleared",
  request: {
    body: jsonObject({
      id: guid(),
      password: nonBlank(),
      encryptedCurrentPlan: z.nullish(base64Bytes({ max: 15_360 })),
      encryptedProfilePicture: z.nullish(base64Bytes({ max: 2_048_000 })),
      encryptedName: z.nullish(base64Bytes({ max: 2_048 })),
      // Unbounded in the original; bounded here so no request can outgrow an item (an AES IV is 16 bytes, an RSA-4096 SPKI 550).
      encryptionIV: z.nullish(base64Bytes({ max: 1_024 })),
      rsaPublicKey: z.nullish(base64Bytes({ max: 4_096 })),
    }),
  },
  responses: { 200: noContent('Replaced'), 401: failure('Wrong password'), 404: failure('No such user') },
  objectIds: [{ object: 'user', from: 'body', field: 'id', owner: 'caller' }],
});
