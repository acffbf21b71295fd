/** PUT /user: replaces the caller's encrypted profile (plan, picture, name, IV, public key). */
import * as z from 'zod/mini';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { base64Bytes, guid, jsonObject, nonBlank } from '../wire.ts';
import { authenticate } from './authenticate.ts';
import { replaceProfile } from './users.ts';

const body = jsonObject({
  id: guid(),
  password: nonBlank(),
  encryptedCurrentPlan: z.nullish(base64Bytes({ max: 15_360 })),
  encryptedProfilePicture: z.nullish(base64Bytes({ max: 2_048_000 })),
  encryptedName: z.nullish(base64Bytes({ max: 2_048 })),
  // Unbounded in the original; bounded here so no request can outgrow an item (an AES IV is 16 bytes, an RSA-4096 SPKI 550).
  encryptionIV: z.nullish(base64Bytes({ max: 1_024 })),
  rsaPublicKey: z.nullish(base64Bytes({ max: 4_096 })),
});

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  const user = await authenticate(body.id, body.password);
  await replaceProfile(user, {
    encryptedCurrentPlan: body.encryptedCurrentPlan ?? null,
    encryptedProfilePicture: body.encryptedProfilePicture ?? null,
    encryptedName: body.encryptedName ?? null,
    encryptionIV: body.encryptionIV ?? null,
    rsaPublicKey: body.rsaPublicKey ?? null,
  });
  return empty();
});
