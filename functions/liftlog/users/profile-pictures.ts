/**
 * Encrypted profile pictures may be up to 2,048,000 bytes, far past what a
 * DynamoDB item holds (400 KB). Small ones stay in the user item, so reading a
 * user is one GetItem; larger ones go to the `profile-pictures` bucket under
 * `<userId>/<random>`, a fresh key per upload so a concurrent update never
 * serves half of one picture and half of another.
 *
 * No bucket object may stay named by no record for more than a day, whatever
 * crashes when. So an upload lands under the bucket's pending prefix
 * first (`pending/<userId>/<random>`, where the manifest's lifecycle rule
 * expires anything left after a day). The user record is then written naming
 * the final key, in one transaction with a move marker naming what that write
 * owes the bucket: the pending object to copy to the final key, and the bucket
 * picture the record no longer names, to delete. The request then makes the
 * move and deletes the marker last; an hourly sweep finishes every marker older
 * than a request can run, so a move cut short at any step is finished within
 * the hour. Every step can be repeated, so a sweep cut short is harmless too.
 *
 * Records only ever name final keys, so readers never serve a pending object;
 * between a crash and the sweep the new picture reads as none. A copy is kept
 * only if the record still names its key once it has landed: a later upload
 * (or the account's erasure) may have dropped that key meanwhile, and would
 * otherwise find nothing to delete before the copy lands. Writes that neither
 * upload nor replace a bucket picture owe the bucket nothing and write no
 * marker.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { mapConcurrently } from '#shared/concurrency';
import { loadConfig } from '#shared/config';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import type { TransactItem } from '#shared/db/transactions';
import { expiresAt } from '#shared/db/ttl';
import { errorFacts, logger } from '#shared/observability/logger';
import { PICTURE_MOVES, pictureMoveKey, type ItemKey, userKey } from '../keys.ts';
import { buckets } from '../resources.ts';
import { toIso } from '../wire.ts';

/** The `pendingPrefix` of the bucket in the manifest (functions/liftlog/service.ts). */
export const PENDING_PREFIX = 'pending/';

/** Keeps the user item well under the item limit together with the plan (15 KB) and name (2 KB). */
export const INLINE_PICTURE_BYTES = 64 * 1024;

/** The largest picture PUT /user accepts. */
export const MAX_PICTURE_BYTES = 2_048_000;

const moveConfig = z.object({
  /** A marker younger than this may still be worked on by its request (PUT /user runs for seconds); the sweep leaves it. */
  PICTURE_MOVE_GRACE_SECONDS: z._default(z.coerce.number().check(z.int(), z.gte(0)), 300),
});

/** A marker the sweep cannot finish goes eventually rather than being retried forever. */
const MARKER_KEEP_SECONDS = 7 * 24 * 3600;

/** Moves the sweep finishes at once. */
const SWEEP_CONCURRENCY = 8;

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

/** What a record write owes the bucket, kept as a marker item until it is done. */
export interface PictureMove extends ItemKey {
  userId: string;
  /** The upload, and the key the record names for it. */
  pendingObject?: string;
  finalObject?: string;
  /** The bucket picture the record named before the write. */
  replacedObject?: string;
  expiresAt: number;
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

/**
 * The move a record write owes when it records `staged` over a record naming
 * `replaced`; undefined when it owes nothing (neither picture is in the bucket).
 */
export function pictureMove(userId: string, staged: StagedPicture, replaced: string | undefined): PictureMove | undefined {
  const finalObject = staged.stored.profilePictureObject;
  // A write retried after its own success finds its own key recorded: that one is kept, not replaced.
  const replacedObject = replaced === finalObject ? undefined : replaced;
  if (!staged.pendingObject && !replacedObject) return undefined;
  return {
    ...pictureMoveKey(toIso(new Date()), userId, randomUUID()),
    userId,
    ...(staged.pendingObject && { pendingObject: staged.pendingObject, finalObject }),
    ...(replacedObject && { replacedObject }),
    expiresAt: expiresAt(MARKER_KEEP_SECONDS),
  };
}

/** The marker's write, for the transaction that writes the record. */
export function recordMove(move: PictureMove): TransactItem {
  return { Put: { Item: { ...move } } };
}

/**
 * Makes the move and deletes its marker last. Each step may already have been
 * done by an earlier attempt: a copy whose source is gone already landed (or
 * its upload expired), and deleting what is not there succeeds.
 */
export async function completeMove(move: PictureMove): Promise<void> {
  const { copyObject, deleteObject } = await objects();
  if (move.pendingObject && move.finalObject) {
    try {
      await copyObject(buckets.profilePictures, move.pendingObject, move.finalObject);
    } catch (error) {
      if ((error as Error)?.name !== 'NoSuchKey') throw error;
    }
    if (!(await recordNames(move.userId, move.finalObject))) await deleteObject(buckets.profilePictures, move.finalObject);
    await deleteObject(buckets.profilePictures, move.pendingObject);
  }
  if (move.replacedObject) await deleteObject(buckets.profilePictures, move.replacedObject);
  await table.delete({ pk: move.pk, sk: move.sk });
}

async function recordNames(userId: string, objectKey: string): Promise<boolean> {
  const record = await table.get<StoredPicture>(userKey(userId), { consistent: true, attributes: ['pk', 'profilePictureObject'] });
  return record?.profilePictureObject === objectKey;
}

/** Finishes every move begun before the grace period, each on its own; answers how many were finished and how many failed. */
export async function finishStalledMoves(now: Date = new Date()): Promise<{ finished: number; failed: number }> {
  const graceMs = loadConfig(moveConfig).PICTURE_MOVE_GRACE_SECONDS * 1000;
  const stalled = await queryAll<PictureMove>({
    KeyConditionExpression: '#pk = :pk AND #sk < :before',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': PICTURE_MOVES, ':before': toIso(new Date(now.getTime() - graceMs)) },
    ConsistentRead: true,
  });
  const outcomes = await mapConcurrently(stalled, SWEEP_CONCURRENCY, async (move) => {
    try {
      await completeMove(move);
      return true;
    } catch (error) {
      // One move that keeps failing must not hold up the others; the next sweep tries it again.
      logger.error('could not finish a picture move', { marker: move.sk, ...errorFacts(error) });
      return false;
    }
  });
  const finished = outcomes.filter(Boolean).length;
  return { finished, failed: outcomes.length - finished };
}

/** The record was not written: the upload goes at once rather than in a day. */
export async function discardStaged(staged: StagedPicture): Promise<void> {
  if (!staged.pendingObject) return;
  const { deleteObject } = await objects();
  await deleteObject(buckets.profilePictures, staged.pendingObject);
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

/** Every picture of the user, those still pending included. */
export async function discardAllPictures(userId: string): Promise<void> {
  const { deleteObjects } = await objects();
  await Promise.all([deleteObjects(buckets.profilePictures, `${userId}/`), deleteObjects(buckets.profilePictures, `${PENDING_PREFIX}${userId}/`)]);
}
