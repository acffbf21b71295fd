/**
 * Feed identities: creation (id, secret password, unique share lookup), reading
 * a user's public profile by id or lookup, and replacing that profile. The
 * server only ever holds ciphertext the app made.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword, type Pbkdf2Parameters } from '#shared/auth/passwords';
import { batchGet } from '#shared/db/batch';
import { keyParts } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { putUnique, transact } from '#shared/db/transactions';
import { AppError, notFound } from '#shared/errors';
import { cuid2 } from '#shared/ids';
import { count } from '#shared/observability/metrics';
import { lookupKey, userKey } from '../keys.ts';
import { mapConcurrently } from '#shared/concurrency';
import { toBase64, toIso } from '../wire.ts';
import {
  completeMove,
  discardStaged,
  loadPicture,
  type PictureMove,
  pictureBytes,
  pictureMove,
  recordMove,
  type StagedPicture,
  stagePicture,
  type StoredPicture,
} from './profile-pictures.ts';

/** The original's cost, so hashes stay comparable: PBKDF2-HMAC-SHA512, 350,000 rounds, 64-byte salt and key. */
export const PASSWORD_HASHING: Pbkdf2Parameters = { digest: 'sha512', iterations: 350_000, saltBytes: 64, keyBytes: 64 };

const newLookup = /* @__PURE__ */ cuid2(12);
const LOOKUP = /^[a-z0-9]{12}$/;
const LOOKUP_TAKEN = 'lookup_taken';
const LOOKUP_ATTEMPTS = 3;

export interface UserRecord extends StoredPicture {
  pk: string;
  sk: string;
  id: string;
  lookup: string;
  passwordHash: string;
  createdAt: string;
  encryptedCurrentPlan?: Uint8Array;
  encryptedName?: Uint8Array;
  encryptionIV?: Uint8Array;
  rsaPublicKey?: Uint8Array;
}

/** What GET /user answers. IV and key are `""` until the app first sets them, as in the original. */
export interface UserView {
  id: string;
  lookup: string;
  encryptedCurrentPlan: string | null;
  encryptedProfilePicture: string | null;
  encryptedName: string | null;
  encryptionIV: string;
  rsaPublicKey: string;
}

export interface Profile {
  encryptedCurrentPlan: Uint8Array | null;
  encryptedProfilePicture: Uint8Array | null;
  encryptedName: Uint8Array | null;
  encryptionIV: Uint8Array | null;
  rsaPublicKey: Uint8Array | null;
}

export interface NewUser {
  id: string;
  lookup: string;
  /** Given to the app once; only its hash is kept. */
  password: string;
}

export async function createUser(): Promise<NewUser> {
  const id = randomUUID();
  const password = randomUUID();
  const passwordHash = await hashPassword(password, PASSWORD_HASHING);
  for (let attempt = 1; ; attempt++) {
    const lookup = newLookup();
    try {
      const record = { ...userKey(id), id, lookup, passwordHash, createdAt: toIso(new Date()) };
      await putUnique(record, [{ key: lookupKey(lookup), conflictCode: LOOKUP_TAKEN }]);
      count('UserCreated');
      return { id, lookup, password };
    } catch (error) {
      // A lookup collision is astronomically rare; another draw settles it.
      if (error instanceof AppError && error.code === LOOKUP_TAKEN && attempt < LOOKUP_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Strongly consistent: the app authenticates right after creating its identity. */
export function findUser(id: string): Promise<UserRecord | undefined> {
  return table.get<UserRecord>(userKey(id), { consistent: true });
}

export async function findUserByLookup(lookup: string): Promise<UserRecord | undefined> {
  if (!LOOKUP.test(lookup)) return undefined;
  const owner = (await table.get<{ owner?: { pk: string } }>(lookupKey(lookup), { consistent: true }))?.owner;
  return owner ? findUser(keyParts(owner.pk)[1]) : undefined;
}

export async function viewOf(user: UserRecord): Promise<UserView> {
  return profileView(user, await loadPicture(user));
}

function profileView(user: UserRecord, picture: Uint8Array | null): UserView {
  return {
    id: user.id,
    lookup: user.lookup,
    encryptedCurrentPlan: orNull(user.encryptedCurrentPlan),
    encryptedProfilePicture: picture ? toBase64(picture) : null,
    encryptedName: orNull(user.encryptedName),
    encryptionIV: user.encryptionIV ? toBase64(user.encryptionIV) : '',
    rsaPublicKey: user.rsaPublicKey ? toBase64(user.rsaPublicKey) : '',
  };
}

const orNull = (bytes: Uint8Array | undefined) => (bytes ? toBase64(bytes) : null);

/** Pictures kept in the bucket are fetched this many at a time. */
const PICTURE_READS = 16;

/**
 * What POST /users may answer, in bytes of JSON: well inside Lambda's 6 MB
 * limit on a synchronous response, envelope included.
 */
export const USERS_ANSWER_BUDGET = 5_000_000;

/** Base64 makes 3 bytes 4 characters. */
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/**
 * The users that exist among `ids`, by id; ids asked for twice are answered
 * once (one BatchGetItem per 100 distinct ids). The answer stays within
 * USERS_ANSWER_BUDGET: users are taken in the order asked, each with its
 * picture while that still fits the budget, otherwise with
 * `encryptedProfilePicture: null`; a user whose profile alone no longer fits
 * (only ~165 maximal profiles fill it) is left out, as an unknown id is. A
 * picture left out is never read.
 */
export async function viewsOf(ids: string[]): Promise<Record<string, UserView>> {
  const found = (await batchGet([...new Set(ids)].map(userKey))).filter((user) => user !== undefined) as unknown as UserRecord[];
  let spent = JSON.stringify({ users: {} }).length;
  const answered: Array<{ user: UserRecord; view: UserView; withPicture: boolean }> = [];
  for (const user of found) {
    const view = profileView(user, null);
    const entryBytes = JSON.stringify({ [user.id]: view }).length + 1;
    if (spent + entryBytes > USERS_ANSWER_BUDGET) break;
    spent += entryBytes;
    // The picture replaces `null` with a quoted base64 string.
    const pictureCost = pictureBytes(user) && base64Length(pictureBytes(user)) + 2 - 'null'.length;
    const withPicture = pictureCost > 0 && spent + pictureCost <= USERS_ANSWER_BUDGET;
    if (withPicture) spent += pictureCost;
    answered.push({ user, view, withPicture });
  }
  const views = await mapConcurrently(answered, PICTURE_READS, async ({ user, view, withPicture }) =>
    withPicture ? profileView(user, await loadPicture(user)) : view,
  );
  return Object.fromEntries(views.map((view) => [view.id, view]));
}

/**
 * Replaces all five profile fields: one left out or null is cleared, as the
 * original did. A large picture is staged in the bucket before the record is
 * written; the record write also records what it owes the bucket (the staged
 * picture moved to the key the record names, the picture it replaced gone),
 * which is done right after, or by the hourly sweep if this request is cut
 * short (profile-pictures.ts).
 */
export async function replaceProfile(user: UserRecord, profile: Profile): Promise<void> {
  const staged = await stagePicture(user.id, profile.encryptedProfilePicture);
  let move: PictureMove | undefined;
  try {
    move = await writeProfile(user, profile, staged);
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }
  if (move) await completeMove(move);
}

const PICTURE_CHANGED = 'picture_changed';

/**
 * Writes the profile if the account is still the one authenticated; answers
 * the move the write owes the bucket, recorded with it. The write is
 * conditional on the picture it replaces, so of concurrent writers each learns
 * exactly which object it unreferenced (an update's old values alone may tell
 * two writers the same one, and leave another unreferenced forever). A write
 * that owes the bucket nothing is one UpdateItem; one that does also writes
 * the move's marker, in the same transaction.
 */
async function writeProfile(user: UserRecord, profile: Profile, staged: StagedPicture): Promise<PictureMove | undefined> {
  const picture = staged.stored;
  const fields: Record<string, Uint8Array | string | number | undefined> = {
    encryptedCurrentPlan: profile.encryptedCurrentPlan ?? undefined,
    encryptedName: profile.encryptedName ?? undefined,
    encryptionIV: profile.encryptionIV ?? undefined,
    rsaPublicKey: profile.rsaPublicKey ?? undefined,
    encryptedProfilePicture: picture.encryptedProfilePicture,
    profilePictureObject: picture.profilePictureObject,
    profilePictureBytes: picture.profilePictureBytes,
  };
  const names: Record<string, string> = { '#hash': 'passwordHash', '#object': 'profilePictureObject' };
  const values: Record<string, unknown> = { ':hash': user.passwordHash };
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  const update = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ');
  for (let expected = user.profilePictureObject; ; ) {
    // Only the account that was authenticated: a deleted (or re-keyed) user is never written back.
    const condition = `#hash = :hash AND ${expected === undefined ? 'attribute_not_exists(#object)' : '#object = :expected'}`;
    const conditionValues = expected === undefined ? values : { ...values, ':expected': expected };
    const move = pictureMove(user.id, staged, expected);
    if (await writeRecord(user.id, update, { condition, names, values: conditionValues }, move)) return move;
    const current = await findUser(user.id);
    if (current?.passwordHash !== user.passwordHash) throw notFound('user_not_found');
    // Another write changed the picture meantime: replace what it wrote instead.
    expected = current.profilePictureObject;
  }
}

/** The conditional record update, with the move's marker when there is one; false when the condition failed. */
async function writeRecord(
  userId: string,
  update: string,
  write: { condition: string; names: Record<string, string>; values: Record<string, unknown> },
  move: PictureMove | undefined,
): Promise<boolean> {
  if (!move) return table.update(userKey(userId), update, write);
  try {
    await transact([
      {
        Update: {
          Key: userKey(userId),
          UpdateExpression: update,
          ConditionExpression: write.condition,
          ExpressionAttributeNames: write.names,
          ExpressionAttributeValues: write.values,
        },
        conflictCode: PICTURE_CHANGED,
      },
      recordMove(move),
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === PICTURE_CHANGED) return false;
    throw error;
  }
}
