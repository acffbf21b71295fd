/**
 * Feed identities: creation (id, secret password, unique share lookup), reading
 * a user's public profile by id or lookup, and replacing that profile. The
 * server only ever holds ciphertext the app made.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { init as cuid2 } from '@paralleldrive/cuid2';
import { hashPassword, type Pbkdf2Parameters } from '#shared/auth/passwords';
import { batchGet } from '#shared/db/batch';
import { db, tableName } from '#shared/db/client';
import { keyParts } from '#shared/db/keys';
import { putUnique } from '#shared/db/transactions';
import { AppError, notFound } from '#shared/errors';
import { lookupKey, userKey } from '../keys.ts';
import { mapConcurrently } from '../concurrent.ts';
import { toBase64, toIso } from '../wire.ts';
import { discardPicture, loadPicture, storePicture, type StoredPicture } from './profile-pictures.ts';

/** The original's cost, so hashes stay comparable: PBKDF2-HMAC-SHA512, 350,000 rounds, 64-byte salt and key. */
export const PASSWORD_HASHING: Pbkdf2Parameters = { digest: 'sha512', iterations: 350_000, saltBytes: 64, keyBytes: 64 };

const newLookup = /* @__PURE__ */ cuid2({ length: 12 });
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
      return { id, lookup, password };
    } catch (error) {
      // A lookup collision is astronomically rare; another draw settles it.
      if (error instanceof AppError && error.code === LOOKUP_TAKEN && attempt < LOOKUP_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** Strongly consistent: the app authenticates right after creating its identity. */
export async function findUser(id: string): Promise<UserRecord | undefined> {
  const output = await db.send(new GetCommand({ TableName: tableName(), Key: userKey(id), ConsistentRead: true }));
  return output.Item as UserRecord | undefined;
}

export async function findUserByLookup(lookup: string): Promise<UserRecord | undefined> {
  if (!LOOKUP.test(lookup)) return undefined;
  const output = await db.send(new GetCommand({ TableName: tableName(), Key: lookupKey(lookup), ConsistentRead: true }));
  const owner = (output.Item as { owner?: { pk: string } } | undefined)?.owner;
  return owner ? findUser(keyParts(owner.pk)[1]) : undefined;
}

export async function viewOf(user: UserRecord): Promise<UserView> {
  const picture = await loadPicture(user);
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

/** The users that exist among `ids`, by id; one BatchGetItem per 100 ids. */
export async function viewsOf(ids: string[]): Promise<Record<string, UserView>> {
  const found = (await batchGet(ids.map(userKey))).filter((user) => user !== undefined) as unknown as UserRecord[];
  const views = await mapConcurrently(found, PICTURE_READS, viewOf);
  return Object.fromEntries(views.map((view) => [view.id, view]));
}

/** Replaces all five profile fields: one left out or null is cleared, as the original did. */
export async function replaceProfile(user: UserRecord, profile: Profile): Promise<void> {
  const picture = await storePicture(user.id, profile.encryptedProfilePicture);
  const fields: Record<string, Uint8Array | string | undefined> = {
    encryptedCurrentPlan: profile.encryptedCurrentPlan ?? undefined,
    encryptedName: profile.encryptedName ?? undefined,
    encryptionIV: profile.encryptionIV ?? undefined,
    rsaPublicKey: profile.rsaPublicKey ?? undefined,
    encryptedProfilePicture: picture.encryptedProfilePicture,
    profilePictureObject: picture.profilePictureObject,
  };
  const names: Record<string, string> = { '#hash': 'passwordHash' };
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
  let previous: StoredPicture | undefined;
  try {
    const output = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(user.id),
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' '),
        // Only the account that was authenticated: a deleted (or re-keyed) user is never written back.
        ConditionExpression: '#hash = :hash',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    previous = output.Attributes as StoredPicture | undefined;
  } catch (error) {
    if (picture.profilePictureObject) await discardPicture(picture.profilePictureObject);
    if ((error as Error).name === 'ConditionalCheckFailedException') throw notFound('user_not_found');
    throw error;
  }
  const replaced = previous?.profilePictureObject;
  if (replaced && replaced !== picture.profilePictureObject) await discardPicture(replaced);
}
