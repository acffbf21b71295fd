/**
 * Deleting an account. The account itself goes at once, in one transaction:
 * the user record (so every authenticated call now answers 404), its lookup,
 * and a marker saying an erasure is owed. Everything the user owns (events,
 * follow secrets, inbox, shared items, pictures), however much, is then
 * erased by the `user-erasure` queue's consumer, a bounded slice per run,
 * re-enqueuing itself while more remains. The marker goes last; an hourly
 * sweep re-enqueues markers nobody has worked on lately, so an erasure
 * survives a lost message or a failed enqueue.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { batchWrite } from '#shared/db/batch';
import { keyParts, prefix, type Key } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { releaseUnique, transact } from '#shared/db/transactions';
import { AppError, notFound } from '#shared/errors';
import { errorFacts, logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { sendJob, sendJobs } from '#shared/queue/send';
import { ERASURES, FOLLOW_SECRETS, erasureKey, lookupKey, ownerPartition, SHARED_ITEM_REFERENCE, sharedItemKey, userKey } from '../keys.ts';
import { queues } from '../resources.ts';
import { toIso } from '../wire.ts';
import { discardAllPictures } from './profile-pictures.ts';
import type { UserRecord } from './users.ts';

export const erasureJob = z.object({ userId: z.string().check(z.minLength(1)) });

const erasureConfig = z.object({
  /** Items erased per consumer run: well inside its timeout, whatever the user owns. */
  ERASURE_ITEMS_PER_RUN: z._default(z.coerce.number().check(z.int(), z.gte(1)), 1000),
});
/** A marker untouched this long has lost its message; the sweep sends another. */
const STALLED_AFTER_MS = 15 * 60_000;

export async function deleteAccount(user: UserRecord): Promise<void> {
  const now = toIso(new Date());
  try {
    await transact([
      {
        Delete: {
          Key: userKey(user.id),
          ConditionExpression: '#hash = :hash',
          ExpressionAttributeNames: { '#hash': 'passwordHash' },
          ExpressionAttributeValues: { ':hash': user.passwordHash },
        },
      },
      releaseUnique(lookupKey(user.lookup), userKey(user.id)),
      { Put: { Item: { ...erasureKey(user.id), userId: user.id, requestedAt: now, touchedAt: now } } },
    ]);
  } catch (error) {
    // A concurrent deletion won: the account is already gone.
    if (error instanceof AppError && error.kind === 'conflict') throw notFound('user_not_found');
    throw error;
  }
  count('AccountDeleted');
  try {
    await sendJob(queues.userErasure, { userId: user.id });
  } catch (error) {
    // The account is gone either way; the marker has the sweep finish the erasure.
    logger.error('could not enqueue an erasure; the hourly sweep will', { userId: user.id, ...errorFacts(error) });
  }
}

/**
 * Erases up to ERASURE_ITEMS_PER_RUN items the user owns; true once nothing is left.
 * Follow secrets go first, so followers lose access to the feed right away.
 * Each round queries from the start of what remains: erased items drop out.
 */
export async function eraseSome(userId: string): Promise<boolean> {
  // Only a deleted account has a marker: a job without one (a duplicate after the erasure finished, or one naming a live account) erases nothing.
  if (!(await touchMarker(userId))) return true;
  let budget = loadConfig(erasureConfig).ERASURE_ITEMS_PER_RUN;
  for (const only of [prefix(FOLLOW_SECRETS), undefined]) {
    for (;;) {
      if (budget === 0) return false;
      const page = await ownedKeys(userId, budget, only);
      if (page.keys.length) await batchWrite({ deletes: page.keys.flatMap(withSharedItem) });
      budget -= page.keys.length;
      if (!page.more) break;
    }
  }
  await discardAllPictures(userId);
  await table.delete(erasureKey(userId));
  return true;
}

async function ownedKeys(userId: string, limit: number, beginsWith?: string): Promise<{ keys: Key[]; more: boolean }> {
  const page = await table.query<Key>({
    KeyConditionExpression: beginsWith ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':pk': ownerPartition(userId), ...(beginsWith ? { ':sk': beginsWith } : {}) },
    ProjectionExpression: '#pk, #sk',
    ConsistentRead: true,
    Limit: limit,
  });
  return { keys: page.items, more: Boolean(page.lastKey) };
}

/** A shared item lives under its own id; the reference in the user's partition says which. */
function withSharedItem(owned: Key): Key[] {
  const [kind, id] = keyParts(owned.sk);
  return kind === SHARED_ITEM_REFERENCE ? [owned, sharedItemKey(id)] : [owned];
}

/** False when there is no marker: no erasure is owed. */
function touchMarker(userId: string): Promise<boolean> {
  return table.update(erasureKey(userId), 'SET touchedAt = :now', { condition: 'attribute_exists(pk)', values: { ':now': toIso(new Date()) } });
}

export async function continueErasure(userId: string): Promise<void> {
  await sendJob(queues.userErasure, { userId });
}

/** Re-enqueues every erasure nobody has worked on for a while; answers how many. */
export async function resumeStalledErasures(now: Date = new Date()): Promise<number> {
  const stalled = await queryAll<{ userId: string }>({
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: 'touchedAt < :before',
    ExpressionAttributeNames: { '#pk': 'pk' },
    ExpressionAttributeValues: { ':pk': ERASURES, ':before': toIso(new Date(now.getTime() - STALLED_AFTER_MS)) },
  });
  if (stalled.length)
    await sendJobs(
      queues.userErasure,
      stalled.map(({ userId }) => ({ userId })),
    );
  return stalled.length;
}
