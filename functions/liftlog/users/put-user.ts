/** PUT /user: replaces the caller's encrypted profile (plan, picture, name, IV, public key). */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from './authenticate.ts';
import { putUserRoute } from './put-user.route.ts';
import { replaceProfile } from './users.ts';

export const handler = httpRoute(putUserRoute, password('id'), async ({ body, caller }) => {
  await replaceProfile(caller, {
    encryptedCurrentPlan: body.encryptedCurrentPlan ?? null,
    encryptedProfilePicture: body.encryptedProfilePicture ?? null,
    encryptedName: body.encryptedName ?? null,
    encryptionIV: body.encryptionIV ?? null,
    rsaPublicKey: body.rsaPublicKey ?? null,
  });
  return empty();
});
