/**
 * The `notifications` queue's work: for each recipient of an event, applies
 * her preferences and delivers on each enabled channel:
 *   - in-app: the stored notification, listed under GET /notifications;
 *   - live: `notification:new` to her WebSocket connections;
 *   - e-mail: outside quiet hours, under `max_emails_per_hour`.
 * SMS and WhatsApp flags are kept as preferences; no channel of those kinds
 * reaches staff yet.
 *
 * Idempotent: the notification's id comes from the event key and the user,
 * and is written only if absent; the live announcement moves it from
 * `pending` to `sent` (a retry announces a pending one again, never a sent
 * one); the e-mail is claimed on the notification before it is sent, so a
 * retry never sends it twice.
 */
import { createHash } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { sendEmail } from '#shared/providers/email';
import { ADMINS } from '../auth/access.ts';
import { publishEvent } from '../inbox/events.ts';
import { notificationIndexKeys, notificationKey, orgKey, orgPartition, rateKey, USER_PREFIX, userKey } from '../keys.ts';
import type { UserRecord } from '../users/users.ts';
import { NOTIFICATION_TTL_SECONDS, type NotificationRecord } from './notifications.ts';
import type { NotificationJob } from './notify.ts';
import { getPreferences, inQuietHours, type PreferencesRecord } from './preferences.ts';

/** A UUID-shaped id that is the same for the same event and user. */
export function notificationIdOf(eventKey: string, userId: string): string {
  const hex = createHash('sha256').update(`${eventKey}|${userId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const isActive = (user: UserRecord | undefined): user is UserRecord => Boolean(user?.is_active) && !user?.deleted_at;

async function recipientsOf(job: NotificationJob): Promise<UserRecord[]> {
  const orgId = job.organization_id;
  const { user_ids: userIds = [], admins = false, department_id: departmentId } = job.recipients;
  const chosen = new Map<string, UserRecord>();
  if (admins || departmentId) {
    let lastKey: Record<string, unknown> | undefined;
    do {
      const page = await table.query<UserRecord>({ ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: USER_PREFIX } }), ExclusiveStartKey: lastKey });
      for (const user of page.items)
        if ((admins && ADMINS.includes(user.role)) || (departmentId && user.role === 'agent' && user.department_ids?.includes(departmentId)))
          chosen.set(user.id, user);
      lastKey = page.lastKey;
    } while (lastKey);
  }
  for (const id of userIds) {
    if (chosen.has(id)) continue;
    const user = await table.get<UserRecord>(userKey(orgId, id), { consistent: true });
    if (user) chosen.set(id, user);
  }
  return [...chosen.values()].filter((user) => isActive(user) && user.id !== job.actor_id);
}

export async function deliverNotifications(job: NotificationJob): Promise<void> {
  const recipients = await recipientsOf(job);
  if (!recipients.length) return;
  const org = await table.get<{ settings?: { timezone?: unknown } }>(orgKey(job.organization_id));
  const timeZone = typeof org?.settings?.timezone === 'string' ? org.settings.timezone : 'UTC';
  for (const user of recipients) await deliverTo(job, user, await getPreferences(job.organization_id, user.id), timeZone);
}

async function deliverTo(job: NotificationJob, user: UserRecord, prefs: PreferencesRecord, timeZone: string): Promise<void> {
  const orgId = job.organization_id;
  const id = notificationIdOf(job.event_key, user.id);
  const key = notificationKey(orgId, user.id, id);
  const now = new Date();
  const at = now.toISOString();
  const fresh: NotificationRecord = {
    ...key,
    // Listed only when the in-app channel is on; the item stays either way, so the event is delivered once.
    ...(prefs.in_app_enabled ? notificationIndexKeys(orgId, user.id, at, id) : {}),
    id,
    organization_id: orgId,
    user_id: user.id,
    notification_type: job.notification_type,
    channel: 'in_app',
    subject: job.subject,
    message: job.message,
    recipient: user.id,
    status: prefs.websocket_enabled ? 'pending' : 'sent',
    error_message: null,
    sent_at: prefs.websocket_enabled ? null : at,
    created_at: at,
    updated_at: at,
    notification_metadata: job.metadata,
    retry_count: 0,
    expiresAt: Math.floor(now.getTime() / 1000) + NOTIFICATION_TTL_SECONDS,
  };
  const current = (await table.put(fresh, { condition: 'attribute_not_exists(pk)' }))
    ? fresh
    : ((await table.get<NotificationRecord>(key, { consistent: true })) as NotificationRecord);

  if (current.status === 'pending') {
    await publishEvent(orgId, {
      type: 'notification:new',
      user_id: user.id,
      notification_id: id,
      notification_type: current.notification_type,
      subject: current.subject,
      message: current.message,
      metadata: current.notification_metadata,
      created_at: current.created_at,
    });
    await table.update(key, 'SET #status = :sent, sent_at = :now, updated_at = :now', {
      condition: '#status = :pending',
      names: { '#status': 'status' },
      values: { ':sent': 'sent', ':pending': 'pending', ':now': new Date().toISOString() },
    });
  }

  if (prefs.email_enabled && !current.email_claimed_at && !inQuietHours(prefs, now, timeZone)) await email(current, user, prefs);
}

/** At most once per notification (claimed first), at most `max_emails_per_hour` per user. */
async function email(notification: NotificationRecord, user: UserRecord, prefs: PreferencesRecord): Promise<void> {
  const key = notificationKey(notification.organization_id, user.id, notification.id);
  const now = Date.now();
  const claimed = await table.update(key, 'SET email_claimed_at = :now', {
    condition: 'attribute_exists(pk) AND attribute_not_exists(email_claimed_at)',
    values: { ':now': new Date(now).toISOString() },
  });
  if (!claimed) return;
  const hour = now - (now % 3_600_000);
  const underCap = await table.update(rateKey('notify-email', user.id, hour), 'ADD sent :one SET expiresAt = :expires', {
    condition: 'attribute_not_exists(sent) OR sent < :max',
    values: { ':one': 1, ':max': prefs.max_emails_per_hour, ':expires': Math.floor(hour / 1000) + 7200 },
  });
  if (!underCap) {
    await table.update(key, 'SET email_skipped = :why', { values: { ':why': 'hourly_cap' } });
    return;
  }
  await sendEmail({ to: user.email, subject: notification.subject ?? 'PyTake notification', text: notification.message });
}
