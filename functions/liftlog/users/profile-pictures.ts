/**
 * Encrypted profile pictures may be up to 2,048,000 bytes, far past what a
 * DynamoDB item holds (400 KB). Small ones stay in the user item, so reading a
 * user is one GetItem; larger ones go to the `profile-pictures` bucket under
 * `<userId>/<random>`, a fresh key per upload so a concurrent update never
 * serves half of one picture and half of another.
 */
import { randomUUID } from 'node:crypto';

export const PICTURE_BUCKET = 'profile-pictures';

/** Keeps the user item well under the item limit together with the plan (15 KB) and name (2 KB). */
export const INLINE_PICTURE_BYTES = 64 * 1024;

// Most users have no picture or a small one, so the S3 client is evaluated on first need,
// not at every cold start (the bundle still carries it; only its evaluation waits).
const objects = () => import('#shared/storage/objects');

/** Where a picture lives: in the item, in the bucket, or nowhere. */
export interface StoredPicture {
  encryptedProfilePicture?: Uint8Array;
  profilePictureObject?: string;
}

export async function storePicture(userId: string, picture: Uint8Array | null): Promise<StoredPicture> {
  if (!picture) return {};
  if (picture.length <= INLINE_PICTURE_BYTES) return { encryptedProfilePicture: picture };
  const objectKey = `${userId}/${randomUUID()}`;
  const { putObject } = await objects();
  await putObject(PICTURE_BUCKET, objectKey, picture, { contentType: 'application/octet-stream' });
  return { profilePictureObject: objectKey };
}

export async function loadPicture(stored: StoredPicture): Promise<Uint8Array | null> {
  if (stored.encryptedProfilePicture) return stored.encryptedProfilePicture;
  if (!stored.profilePictureObject) return null;
  const { getObjectBytes } = await objects();
  return (await getObjectBytes(PICTURE_BUCKET, stored.profilePictureObject)) ?? null;
}

export async function discardPicture(objectKey: string): Promise<void> {
  const { deleteObject } = await objects();
  await deleteObject(PICTURE_BUCKET, objectKey);
}

export async function discardAllPictures(userId: string): Promise<void> {
  const { deleteObjects } = await objects();
  await deleteObjects(PICTURE_BUCKET, `${userId}/`);
}
