/**
 * Deleting an account, the original's way: `DELETE /me` schedules it for 30
 * days later and ends every session at once; until then she may log in again
 * and `POST /reactivate`. A schedule (every minute) then deletes everything
 * she owns.
 *
 * While scheduled, the user item carries gsi1 keys (`DELETION_DUE`,
 * `<perform_delete_at>#<id>`) in place of the active-accounts ones, so the
 * sweep finds who is due with one Query on the index, never a Scan, and
 * broadcasts no longer reach her; reactivation puts the active ones back. A deletion is resumable:
 * the user item is marked `deleting` first and is the last thing deleted, so a
 * run cut short is found and finished by the next one, and every step before
 * is idempotent (a delete of what is gone is no failure, the log is written
 * once). What she owns is her partition, the items its `refs` attributes name
 * (keys.ts), her sessions, her e-mail and CPF sentinels, what others keep
 * about her (reports against her, blocks of her), and the SNS endpoints of
 * her devices (at most MAX_DEVICES, deleted before the device items that name
 * them, so a run cut short still finds them). What remains is a delete log of
 * hashes and dates.
 */
import { createHash } from 'node:crypto';
import { batchWrite } from '#shared/db/batch';
import { putIfAbsent } from '#shared/db/conditions';
import { keyQuery, type Key } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { pageNotFound } from '../errors.ts';
import {
  aboutUserIndexPartitions,
  activeAccountIndexKeys,
  cpfKeyOfHash,
  DELETION_DUE,
  deleteLogKey,
  deletionDueIndexKeys,
  emailKey,
  ownerPartition,
  sessionKey,
  USER_SESSION_PREFIX,
  userKey,
} from '../keys.ts';
import { deleteEndpoint, listDevices } from '../notifications/devices.ts';
import { closeAllSessions } from './sessions.ts';
import type { UserRecord } from './users.ts';

export const DELETION_DELAY_DAYS = 30;
const DAY_MS = 86_400_000;

/** Who asked, from where: kept with the account while it is scheduled (the original's `deleted_scheduled_meta`). */
export interface DeletionRequest {
  appVersion: string;
  ip: string;
  now?: Date;
}

function meta(user: Pick<UserRecord, 'deleted_scheduled_meta'>, request: DeletionRequest, action: 'delete' | 'reactivate'): string {
  let previous: unknown;
  try {
    previous = user.deleted_scheduled_meta ? JSON.parse(user.deleted_scheduled_meta) : undefined;
  } catch {
    previous = undefined;
  }
  const now = request.now ?? new Date();
  return JSON.stringify({
    epoch: Math.floor(now.getTime() / 1000),
    app_version: request.appVersion,
    ip: request.ip,
    [action]: 1,
    ...(previous === undefined && action === 'delete' ? {} : { previous: previous ?? {} }),
  });
}

/** `DELETE /me`: the account is deleted in 30 days unless reactivated; every session ends now. */
export async function scheduleDeletion(user: UserRecord, request: DeletionRequest): Promise<{ performDeleteAt: string }> {
  const now = request.now ?? new Date();
  const performDeleteAt = new Date(now.getTime() + DELETION_DELAY_DAYS * DAY_MS).toISOString();
  const index = deletionDueIndexKeys(user.id, performDeleteAt);
  const scheduled = await table.update(
    userKey(user.id),
    'SET #status = :scheduled, perform_delete_at = :at, deleted_scheduled_meta = :meta, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD #version :one',
    {
      condition: '#status = :active',
      names: { '#status': 'status', '#version': 'version' },
      values: {
        ':scheduled': 'deleted_scheduled',
        ':active': 'active',
        ':at': performDeleteAt,
        ':meta': meta(user, request, 'delete'),
        ':gsi1pk': index.gsi1pk,
        ':gsi1sk': index.gsi1sk,
        ':one': 1,
      },
    },
  );
  if (!scheduled) throw pageNotFound();
  await closeAllSessions(user.id);
  count('AccountDeletionScheduled');
  return { performDeleteAt };
}

/** `POST /reactivate`: an account scheduled for deletion is active again; any other answers 404. */
export async function reactivate(userId: number, request: DeletionRequest): Promise<UserRecord> {
  const user = await table.get<UserRecord>(userKey(userId), { consistent: true });
  if (user?.status !== 'deleted_scheduled') throw pageNotFound();
  const index = activeAccountIndexKeys(userId);
  const reactivated = await table.update<UserRecord>(
    userKey(userId),
    'SET #status = :active, deleted_scheduled_meta = :meta, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD #version :one REMOVE perform_delete_at',
    {
      condition: '#status = :scheduled',
      names: { '#status': 'status', '#version': 'version' },
      values: {
        ':active': 'active',
        ':scheduled': 'deleted_scheduled',
        ':meta': meta(user, request, 'reactivate'),
        ':gsi1pk': index.gsi1pk,
        ':gsi1sk': index.gsi1sk,
        ':one': 1,
      },
      returning: 'new',
    },
  );
  // The sweep took it first: it is being deleted.
  if (!reactivated) throw pageNotFound();
  count('AccountReactivated');
  return reactivated;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the delete log keeps: hashes (never the e-mail or CPF) and dates. */
export function deleteLogItem(user: UserRecord, now: Date): Record<string, unknown> {
  return {
    ...deleteLogKey(user.id),
    email_sha256: sha256(user.email.trim().toLowerCase()),
    cpf_hash: user.cpf_hash,
    cep_double_hash: sha256(`${user.cpf_hash}${user.cep}`),
    dt_nasc_double_hash: sha256(`${user.cpf_hash}${user.dt_nasc}`),
    created_on: user.created_on,
    perform_delete_at: user.perform_delete_at ?? null,
    deleted_at: now.toISOString(),
  };
}

interface DueEntry {
  id: number;
}

/** Users whose deletion is due at `now`, oldest first (at most `limit`). */
export async function dueDeletions(now: Date, limit: number): Promise<number[]> {
  const page = await table.query<DueEntry>({
    ...keyQuery({ index: 'gsi1', pk: DELETION_DUE, sk: { lessThan: now.toISOString() } }),
    Limit: limit,
  });
  return page.items.map((item) => Number(item.id));
}

/** Deletes every account due; answers how many were deleted. */
export async function sweepDueDeletions(now = new Date(), limit = 25): Promise<number> {
  let deleted = 0;
  for (const userId of await dueDeletions(now, limit)) {
    if (await deleteAccount(userId, now)) deleted++;
  }
  return deleted;
}

/**
 * Deletes the account and everything it owns, if it is due (or a deletion of
 * it was cut short); false when there was nothing to do (reactivated, gone).
 */
export async function deleteAccount(userId: number, now = new Date()): Promise<boolean> {
  const user = await table.get<UserRecord>(userKey(userId), { consistent: true });
  if (!user) return false;
  if (user.status !== 'deleting') {
    const claimed = await table.update(userKey(userId), 'SET #status = :deleting', {
      condition: '#status = :scheduled AND perform_delete_at <= :now',
      names: { '#status': 'status' },
      values: { ':deleting': 'deleting', ':scheduled': 'deleted_scheduled', ':now': now.toISOString() },
    });
    if (!claimed) return false;
  }
  await putIfAbsent(deleteLogItem(user, now));
  await Promise.all([releaseSentinel(emailKey(user.email), userId), releaseSentinel(cpfKeyOfHash(user.cpf_hash), userId)]);
  await deleteDeviceEndpoints(userId);
  await deletePartition(userId);
  await deleteItemsAbout(userId);
  await table.delete(userKey(userId));
  count('AccountDeleted');
  logger.info('account deleted', { userId });
  return true;
}

/** Her devices' SNS endpoints: left behind, SNS would keep her phone's token after her account is gone. */
async function deleteDeviceEndpoints(userId: number): Promise<void> {
  // deleteEndpoint treats an endpoint already gone as deleted, so a run cut short repeats this safely.
  for (const device of await listDevices(userId)) await deleteEndpoint(device.endpoint_arn);
}

/** Deletes a sentinel only while it still names this account (after a crash someone else may have claimed it). */
async function releaseSentinel(sentinel: Key, userId: number): Promise<void> {
  await table.delete(sentinel, {
    condition: 'userId = :id OR #owner.pk = :pk',
    names: { '#owner': 'owner' },
    values: { ':id': userId, ':pk': ownerPartition(userId) },
  });
}

interface OwnedItem {
  pk: string;
  sk: string;
  sessionId?: string;
  refs?: Key[];
}

const PAGE = 500;

/** Everything in her partition but her user item, and what it points to outside (sessions, `refs`). */
async function deletePartition(userId: number): Promise<void> {
  const profile = userKey(userId);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<OwnedItem>({
      ...keyQuery({ pk: ownerPartition(userId) }),
      ProjectionExpression: '#pk, #sk, sessionId, refs',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ConsistentRead: true,
      Limit: PAGE,
      ExclusiveStartKey: startKey,
    });
    const owned = page.items.filter((item) => item.sk !== profile.sk);
    // What the partition items point to goes first: were the run cut short, the pointers are still there for the next one.
    const outside = owned.flatMap((item) => [
      ...(item.sk.startsWith(USER_SESSION_PREFIX) && item.sessionId ? [sessionKey(item.sessionId)] : []),
      ...(Array.isArray(item.refs) ? item.refs.filter(isKey).map(({ pk, sk }) => ({ pk, sk })) : []),
    ]);
    if (outside.length) await batchWrite({ deletes: distinct(outside) });
    if (owned.length) await batchWrite({ deletes: owned.map(({ pk, sk }) => ({ pk, sk })) });
    startKey = page.lastKey;
  } while (startKey);
}

/** What others keep about her in their partitions (reports against her, blocks of her), found through gsi1. */
async function deleteItemsAbout(userId: number): Promise<void> {
  for (const pk of aboutUserIndexPartitions(userId)) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.query<Key>({ ...keyQuery({ index: 'gsi1', pk }), Limit: PAGE, ExclusiveStartKey: startKey });
      if (page.items.length) await batchWrite({ deletes: distinct(page.items.map((item) => ({ pk: item.pk, sk: item.sk }))) });
      startKey = page.lastKey;
    } while (startKey);
  }
}

const distinct = (keys: Key[]): Key[] => [...new Map(keys.map((k) => [`${k.pk}\n${k.sk}`, k])).values()];

const isKey = (value: unknown): value is Key =>
  typeof value === 'object' && value !== null && typeof (value as Key).pk === 'string' && typeof (value as Key).sk === 'string';
