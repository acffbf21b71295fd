/**
 * Follow secrets: a user hands a secret to each follower it accepts; the
 * secret lets that follower read this user's events, and only this user's
 * (the key is the pair, so a secret registered by one user never opens
 * another's feed). Registering is idempotent: the pair is the item's key.
 */
import * as table from '#shared/db/table';
import { followSecretKey } from '../keys.ts';
import { toIso } from '../wire.ts';

export { MAX_FOLLOW_SECRET_LENGTH } from './limits.ts';

export async function registerFollowSecret(userId: string, secret: string): Promise<void> {
  await table.put({ ...followSecretKey(userId, secret), userId, registeredAt: toIso(new Date()) });
}

/** Revoking a secret that is not registered is not an error. */
export async function revokeFollowSecret(userId: string, secret: string): Promise<void> {
  await table.delete(followSecretKey(userId, secret));
}
