/**
 * Shared items: a user publishes an encrypted, signed payload under a short
 * id (12-character CUID2) for a share link; anyone holding the link reads it
 * together with the owner's current public key. As in the original they stay
 * readable past their expiry, until the owner's account is deleted.
 */
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError, unauthenticated } from '#shared/errors';
import { cuid2 } from '#shared/ids';
import { count } from '#shared/observability/metrics';
import { sharedItemKey, sharedItemReferenceKey, userKey } from '../keys.ts';
import type { UserRecord } from '../users/users.ts';
import { toBase64, toIso } from '../wire.ts';

const newId = /* @__PURE__ */ cuid2(12);
const SHARED_ITEM_ID = /^[a-z0-9]{12}$/;
const ID_TAKEN = 'shared_item_id_taken';
const ID_ATTEMPTS = 3;

export interface NewSharedItem {
  encryptedPayload: Uint8Array;
  iv: Uint8Array;
  expiry: Date;
}

interface SharedItemRecord {
  id: string;
  userId: string;
  encryptedPayload: Uint8Array;
  iv: Uint8Array;
}

export interface SharedItemView {
  rsaPublicKey: { spkiPublicKeyBytes: string };
  encryptedPayload: { encryptedPayload: string; iv: { value: string } };
}

/**
 * Stores the item, and a reference to it in the owner's partition (what erasing
 * the account finds), in one transaction that also checks the owner still
 * exists as authenticated: an account deleted meanwhile gets nothing written.
 */
export async function createSharedItem(owner: UserRecord, item: NewSharedItem): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const id = newId();
    try {
      await transact([
        {
          ConditionCheck: {
            Key: userKey(owner.id),
            ConditionExpression: 'passwordHash = :hash',
            ExpressionAttributeValues: { ':hash': owner.passwordHash },
          },
          conflictCode: 'owner_gone',
        },
        {
          Put: {
            Item: {
              ...sharedItemKey(id),
              id,
              userId: owner.id,
              encryptedPayload: item.encryptedPayload,
              iv: item.iv,
              timestamp: toIso(new Date()),
              expiry: toIso(item.expiry),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
          conflictCode: ID_TAKEN,
        },
        { Put: { Item: { ...sharedItemReferenceKey(owner.id, id), id } } },
      ]);
      count('SharedItemCreated');
      return id;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === ID_TAKEN && attempt < ID_ATTEMPTS) continue;
      if (error.code === 'owner_gone') throw unauthenticated('unknown_user');
      throw error;
    }
  }
}

export async function findSharedItem(id: string): Promise<SharedItemView | undefined> {
  if (!SHARED_ITEM_ID.test(id)) return undefined;
  const item = await table.get<SharedItemRecord>(sharedItemKey(id), { consistent: true });
  if (!item) return undefined;
  const owner = await table.get<Pick<UserRecord, 'rsaPublicKey'>>(userKey(item.userId), { attributes: ['pk', 'rsaPublicKey'] });
  // The owner deleted their account and its erasure has not reached this item yet.
  if (!owner) return undefined;
  return {
    rsaPublicKey: { spkiPublicKeyBytes: owner.rsaPublicKey ? toBase64(owner.rsaPublicKey) : '' },
    encryptedPayload: { encryptedPayload: toBase64(item.encryptedPayload), iv: { value: toBase64(item.iv) } },
  };
}
