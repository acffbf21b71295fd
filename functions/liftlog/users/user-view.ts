/** A user's public profile as GET /user and POST /users answer it: ciphertext in base64, or null. */
import * as z from 'zod/mini';

export const userView = z.object({
  id: z.string(),
  lookup: z.string(),
  encryptedCurrentPlan: z.nullable(z.string()),
  encryptedProfilePicture: z.nullable(z.string()),
  encryptedName: z.nullable(z.string()),
  /** `""` until the app first sets it, as in the original. */
  encryptionIV: z.string(),
  rsaPublicKey: z.string(),
});
