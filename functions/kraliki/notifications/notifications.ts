/**
 * Notifications: what a user of the organization should know about (a call
 * assigned to her, a missed call, a report ready), one item per recipient in
 * the organization's partition. Each is
 * hers alone: every key names the caller's user id, so another user's or
 * organization's notification id is simply not found (404).
 *
 * Ids start with the event's time (13-digit epoch ms), so a user's items read
 * backwards are newest first; the rest of the id is derived from what the
 * event is about when there is such a thing (`dedupe`), so an event handled
 * twice (a retried job) writes one notification. While unread an item carries
 * the sparse unread index keys (gsi1 `UNREAD_NOTIFICATIONS#<org>#<user>`):
 * counting and marking all read read that partition only. Items expire after
 * 30 days (TTL, and filtered out at read time until TTL deletes them). A new
 * notification is also announced live to its user's connections
 * (`notification:new`, live/live.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mapConcurrently } from '#shared/concurrency';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { expiresAt, isLive, onlyLive } from '#shared/db/ttl';
import type { Caller } from '../auth/roles.ts';
import { notFoundError } from '../errors.ts';
import { notificationKey, notificationsPrefix, orgPartition, UNREAD_NOTIFICATIONS_INDEX, unreadNotificationsPartition } from '../keys.ts';
import { publishLiveEvent } from '../live/live.ts';

export const NOTIFICATION_TYPES = ['call_assigned', 'missed_call', 'report_ready', 'import_finished', 'campaign_finished'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

const KEEP_SECONDS = 30 * 86_400;
const MARK_ALL_CONCURRENCY = 8;

interface NotificationRecord {
  id: string;
  organization_id: string;
  user_id: string;
  type: NotificationType;
  title: string;
  message: string;
  /** Ids of what it is about (`call_id`, `report_id`…), for the client to open it. */
  data: Record<string, string>;
  read: boolean;
  read_at: string | null;
  created_at: string;
  expiresAt: number;
}

export const notificationView = (item: NotificationRecord) => ({
  id: item.id,
  type: item.type,
  title: item.title,
  message: item.message,
  data: item.data,
  read: item.read,
  read_at: item.read_at,
  created_at: item.created_at,
});
export type NotificationView = ReturnType<typeof notificationView>;

export const notificationNotFound = () => notFoundError('Notification');

export interface NewNotification {
  type: NotificationType;
  title: string;
  message: string;
  data: Record<string, string>;
  /** When the event happened: it orders the notification. */
  at: string;
  /** What makes the event itself (`missed_call:<call>`): the same event is notified once. */
  dedupe?: string;
}

/** Stores the notification for the user (and announces it live) unless this very event was notified to her already; the stored view, or undefined then. */
export async function notify(orgId: string, userId: string, input: NewNotification): Promise<NotificationView | undefined> {
  const suffix = createHash('sha256')
    .update(input.dedupe ?? randomUUID())
    .digest('hex')
    .slice(0, 20);
  const id = `${String(Date.parse(input.at)).padStart(13, '0')}-${suffix}`;
  const record: NotificationRecord = {
    id,
    organization_id: orgId,
    user_id: userId,
    type: input.type,
    title: input.title,
    message: input.message,
    data: input.data,
    read: false,
    read_at: null,
    created_at: new Date().toISOString(),
    expiresAt: expiresAt(KEEP_SECONDS),
  };
  const stored = await table.put(
    { ...notificationKey(orgId, userId, id), ...record, gsi1pk: unreadNotificationsPartition(orgId, userId), gsi1sk: id },
    { condition: 'attribute_not_exists(pk)' },
  );
  if (!stored) return undefined;
  const view = notificationView(record);
  await publishLiveEvent(orgId, { type: 'notification:new', user_id: userId, notification: view });
  return view;
}

export interface ListOptions {
  unread_only: boolean;
  skip: number;
  limit: number;
}

/** The caller's notifications, newest first (only unread ones if asked), with her unread count. */
export async function listNotifications(caller: Caller, options: ListOptions) {
  const { organizationId: orgId, userId } = caller;
  const source = options.unread_only
    ? keyQuery({ index: UNREAD_NOTIFICATIONS_INDEX, pk: unreadNotificationsPartition(orgId, userId) })
    : keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: notificationsPrefix(userId) } });
  const wanted = options.skip + options.limit;
  const items: NotificationRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<NotificationRecord>({
      ...onlyLive(source),
      ScanIndexForward: false,
      Limit: wanted - items.length,
      ExclusiveStartKey: startKey,
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey && items.length < wanted);
  return {
    items: items.slice(options.skip, wanted).map(notificationView),
    unread_count: await unreadCount(caller),
  };
}

async function unreadKeys(caller: Caller): Promise<{ pk: string; sk: string }[]> {
  const { organizationId: orgId, userId } = caller;
  return queryAll<{ pk: string; sk: string }>({
    ...onlyLive(keyQuery({ index: UNREAD_NOTIFICATIONS_INDEX, pk: unreadNotificationsPartition(orgId, userId) })),
    ProjectionExpression: 'pk, sk',
  });
}

export const unreadCount = async (caller: Caller): Promise<number> => (await unreadKeys(caller)).length;

/** Read, and out of the unread index. */
const MARK_READ = 'SET #read = :true, read_at = :now REMOVE gsi1pk, gsi1sk';

/** Marks one of the caller's notifications read (again: no change); 404 when she has none with this id. */
export async function markRead(caller: Caller, notificationId: string): Promise<NotificationView> {
  const itemKey = notificationKey(caller.organizationId, caller.userId, notificationId);
  const existing = await table.get<NotificationRecord>(itemKey, { consistent: true });
  if (!existing || !isLive(existing as unknown as Record<string, unknown>)) throw notificationNotFound();
  if (existing.read) return notificationView(existing);
  const updated = await table.update<NotificationRecord>(itemKey, MARK_READ, {
    condition: 'attribute_exists(pk)',
    names: { '#read': 'read' },
    values: { ':true': true, ':now': new Date().toISOString() },
    returning: 'new',
  });
  if (!updated) throw notificationNotFound();
  return notificationView(updated);
}

/** Marks every unread notification of the caller read; how many were. */
export async function markAllRead(caller: Caller): Promise<{ updated: number }> {
  const keys = await unreadKeys(caller);
  const now = new Date().toISOString();
  const changed = await mapConcurrently(keys, MARK_ALL_CONCURRENCY, ({ pk, sk }) =>
    table.update({ pk, sk }, MARK_READ, {
      condition: 'attribute_exists(gsi1pk)',
      names: { '#read': 'read' },
      values: { ':true': true, ':now': now },
    }),
  );
  return { updated: changed.filter(Boolean).length };
}
