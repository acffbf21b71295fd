/**
 * A user's notifications (the original's `NotificationLog`, the in-app
 * channel): one per event and recipient, created by the `notifications`
 * queue's consumer (deliver.ts), read and marked read by their user only.
 * Unread is the original's `sent`; read is `read`. Each lives in its user's
 * key range (`NOTIFICATION#<userId>#<id>`), so another user's or another
 * organization's id is simply not found.
 *
 * Notifications expire after 90 days (TTL, and a read-time filter).
 */
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { objectNotFound } from '../errors.ts';
import { notificationIndexKeys, notificationKey, type ItemKey } from '../keys.ts';

export const NOTIFICATION_TYPES = [
  'conversation_assigned',
  'sla_warning',
  'campaign_failed',
  'new_contact',
  'conversation_closed',
  'agent_offline',
  'custom',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Kept 90 days. */
export const NOTIFICATION_TTL_SECONDS = 90 * 24 * 3600;

export type NotificationRecord = ItemKey & {
  id: string;
  organization_id: string;
  user_id: string;
  notification_type: NotificationType;
  channel: 'in_app';
  subject: string | null;
  message: string;
  recipient: string;
  /** `pending` until announced live, then `sent` (unread), then `read`. */
  status: 'pending' | 'sent' | 'read';
  error_message: string | null;
  sent_at: string | null;
  read_at?: string | null;
  created_at: string;
  updated_at: string;
  notification_metadata: Record<string, unknown>;
  retry_count: number;
  /** Epoch seconds (TTL). */
  expiresAt: number;
  /** Set when the e-mail of this notification was claimed for sending (at most once). */
  email_claimed_at?: string;
  email_skipped?: string;
};

export function notificationView(n: NotificationRecord) {
  return {
    id: n.id,
    organization_id: n.organization_id,
    user_id: n.user_id,
    notification_type: n.notification_type,
    channel: n.channel,
    subject: n.subject,
    message: n.message,
    recipient: n.recipient,
    status: n.status,
    error_message: n.error_message,
    sent_at: n.sent_at,
    read_at: n.read_at ?? null,
    created_at: n.created_at,
    updated_at: n.updated_at,
    notification_metadata: n.notification_metadata,
    retry_count: n.retry_count,
  };
}

const live = (n: NotificationRecord | undefined, nowSeconds = Date.now() / 1000): n is NotificationRecord => Boolean(n) && n!.expiresAt > nowSeconds;

export async function getNotification(orgId: string, userId: string, id: string): Promise<NotificationRecord> {
  const record = await table.get<NotificationRecord>(notificationKey(orgId, userId, id), { consistent: true });
  if (!live(record)) throw objectNotFound('Notification');
  return record;
}

export interface NotificationFilter {
  skip: number;
  limit: number;
  status?: string;
  channel?: string;
}

/** Reads the user's notifications newest first, page by page, as long as `want` says so. */
async function eachPage(
  orgId: string,
  userId: string,
  filter: string | undefined,
  values: Record<string, unknown>,
  want: (items: NotificationRecord[]) => boolean,
) {
  const base = keyQuery({ index: 'gsi1', pk: notificationIndexKeys(orgId, userId, '', '').gsi1pk });
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<NotificationRecord>({
      ...base,
      ScanIndexForward: false,
      FilterExpression: ['expiresAt > :now', ...(filter ? [filter] : [])].join(' AND '),
      ExpressionAttributeNames: { ...base.ExpressionAttributeNames, ...(filter?.includes('#status') ? { '#status': 'status' } : {}) },
      ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':now': Math.floor(Date.now() / 1000), ...values },
      ExclusiveStartKey: lastKey,
    });
    if (!want(page.items)) return;
    lastKey = page.lastKey;
  } while (lastKey);
}

/** Newest first, optionally by status and channel, then skip/limit. */
export async function listNotifications(orgId: string, userId: string, filter: NotificationFilter): Promise<NotificationRecord[]> {
  const conditions: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.status !== undefined) {
    conditions.push('#status = :status');
    values[':status'] = filter.status;
  }
  if (filter.channel !== undefined) {
    conditions.push('channel = :channel');
    values[':channel'] = filter.channel;
  }
  const items: NotificationRecord[] = [];
  await eachPage(orgId, userId, conditions.join(' AND ') || undefined, values, (page) => {
    items.push(...page);
    return items.length < filter.skip + filter.limit;
  });
  return items.slice(filter.skip, filter.skip + filter.limit);
}

/** The unread ones (`sent`, as the original counted). */
async function unread(orgId: string, userId: string): Promise<NotificationRecord[]> {
  const items: NotificationRecord[] = [];
  await eachPage(orgId, userId, '#status = :sent', { ':sent': 'sent' }, (page) => {
    items.push(...page);
    return true;
  });
  return items;
}

export const unreadCount = async (orgId: string, userId: string): Promise<number> => (await unread(orgId, userId)).length;

const markOne = (n: NotificationRecord, now: string) =>
  table.update<NotificationRecord>(notificationKey(n.organization_id, n.user_id, n.id), 'SET #status = :read, read_at = :now, updated_at = :now', {
    condition: 'attribute_exists(pk) AND #status <> :read',
    names: { '#status': 'status' },
    values: { ':read': 'read', ':now': now },
    returning: 'new',
  });

export async function markRead(orgId: string, userId: string, id: string): Promise<NotificationRecord> {
  const current = await getNotification(orgId, userId, id);
  if (current.status === 'read') return current;
  return (await markOne(current, new Date().toISOString())) ?? getNotification(orgId, userId, id);
}

/** Marks every unread one read; answers how many changed. */
export async function markAllRead(orgId: string, userId: string): Promise<number> {
  const now = new Date().toISOString();
  let changed = 0;
  for (const n of await unread(orgId, userId)) if (await markOne(n, now)) changed += 1;
  return changed;
}

export async function deleteNotification(orgId: string, userId: string, id: string): Promise<void> {
  await getNotification(orgId, userId, id);
  await table.delete(notificationKey(orgId, userId, id));
}
