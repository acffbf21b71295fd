/** PUT /user: replaces the caller's encrypted profile (plan, picture, name, IV, public key). */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { base64Bytes, guid, jsonObject, nonBlank } from '../wire.ts';
import { authenticate } from './authenticate.ts';
import { replaceProfile } from './users.ts';

const body = jsonObject({
  id: guid(),
  password: nonBlank(),
  encryptedCurrentPlan: base64Bytes({ max: 15_360 }).nullish(),
  encryptedProfilePicture: base64Bytes({ max: 2_048_000 }).nullish(),
  encryptedName: base64Bytes({ max: 2_048 }).nullish(),
  // Unbounded in the original; bounded here so no request can outgrow an item (an AES IV is 16 bytes, an RSA-4096 SPKI 550).
  encryptionIV: base64Bytes({ max: 1_024 }).nullish(),
  rsaPublicKey: base64Bytes({ max: 4_096 }).nullish(),
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
