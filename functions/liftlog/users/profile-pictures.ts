/**
 * Encrypted profile pictures may be up to 2,048,000 bytes, far past what a
 * DynamoDB item holds (400 KB). Small ones stay in the user item, so reading a
 * user is one GetItem; larger ones go to the `profile-pictures` bucket under
 * `<userId>/<random>`, a fresh key per upload so a concurrent update never
 * serves half of one picture and half of another.
 *
 * A bucket object must never outlive the record naming it, whatever crashes
 * between the two writes. So an upload lands under the bucket's pending
 * prefix first (`pending/<userId>/<random>`, where the manifest's lifecycle
 * rule expires anything left after a day), the user record is written naming
 * the final key, and only then is the object copied there and its pending
 * copy removed. Records only ever name final keys, so readers never serve a
 * pending object; a crash after the record write leaves the picture missing
 * (answered as none) until the next upload, never an object nobody names.
 */
import { randomUUID } from 'node:crypto';
import { buckets } from '../resources.ts';

/** The `pendingPrefix` of the bucket in the manifest (functions/liftlog/service.ts). */
export const PENDING_PREFIX = 'pending/';

/** Keeps the user item well under the item limit together with the plan (15 KB) and name (2 KB). */
export const INLINE_PICTURE_BYTES = 64 * 1024;

/** The largest picture PUT /user accepts. */
export const MAX_PICTURE_BYTES = 2_048_000;

// Most users have no picture or a small one, so the S3 client is evaluated on first need,
// not at every cold start (the bundle still carries it; only its evaluation waits).
const objects = () => import('#shared/storage/objects');

/** Where a picture lives: in the item, in the bucket, or nowhere. */
export interface StoredPicture {
  encryptedProfilePicture?: Uint8Array;
  profilePictureObject?: string;
  /** The size of the picture in the bucket, so it can be budgeted before it is read. */
  profilePictureBytes?: number;
}

/** A picture ready to be recorded: in the item, or uploaded under the pending prefix. */
export interface StagedPicture {
  stored: StoredPicture;
  pendingObject?: string;
}

export async function stagePicture(userId: string, picture: Uint8Array | null): Promise<StagedPicture> {
  if (!picture) return { stored: {} };
  if (picture.length <= INLINE_PICTURE_BYTES) return { stored: { encryptedProfilePicture: picture } };
  const objectKey = `${userId}/${randomUUID()}`;
  const pendingObject = PENDING_PREFIX + objectKey;
  const { putObject } = await objects();
  await putObject(buckets.profilePictures, pendingObject, picture, { contentType: 'application/octet-stream' });
  return { stored: { profilePictureObject: objectKey, profilePictureBytes: picture.length }, pendingObject };
}

/** Once the record names the picture: the upload moves to the key it names. */
export async function commitPicture(staged: StagedPicture): Promise<void> {
  if (!staged.pendingObject || !staged.stored.profilePictureObject) return;
  const { copyObject, deleteObject } = await objects();
  await copyObject(buckets.profilePictures, staged.pendingObject, staged.stored.profilePictureObject);
  await deleteObject(buckets.profilePictures, staged.pendingObject);
}

/** The record was not written: the upload goes at once rather than in a day. */
export async function discardStaged(staged: StagedPicture): Promise<void> {
  if (staged.pendingObject) await discardPicture(staged.pendingObject);
}

/** The picture's size as stored, without reading it; a bucket object of unrecorded size counts as the largest allowed. */
export function pictureBytes(stored: StoredPicture): number {
  if (stored.encryptedProfilePicture) return stored.encryptedProfilePicture.length;
  if (!stored.profilePictureObject) return 0;
  return stored.profilePictureBytes ?? MAX_PICTURE_BYTES;
}

export async function loadPicture(stored: StoredPicture): Promise<Uint8Array | null> {
  if (stored.encryptedProfilePicture) return stored.encryptedProfilePicture;
  if (!stored.profilePictureObject) return null;
  const { getObjectBytes } = await objects();
  return (await getObjectBytes(buckets.profilePictures, stored.profilePictureObject)) ?? null;
}

export async function discardPicture(objectKey: string): Promise<void> {
  const { deleteObject } = await objects();
  await deleteObject(buckets.profilePictures, objectKey);
}

/** Every picture of the user, those still pending included. */
export async function discardAllPictures(userId: string): Promise<void> {
  const { deleteObjects } = await objects();
  await Promise.all([deleteObjects(buckets.profilePictures, `${userId}/`), deleteObjects(buckets.profilePictures, `${PENDING_PREFIX}${userId}/`)]);
}
