/**
 * The one way anything in the service notifies a user: her inbox row, and a
 * push to her devices when asked and she has any. The notification queue's
 * consumer (likes, comments, unread chats) and the admin broadcast call it.
 *
 * With `onceKey` the same event notifies her once however often it is
 * processed (SQS delivers at least once): the row and a marker of the key are
 * written together, and a second call only re-queues the push under the first
 * call's id, which the push consumer sends at most once per device.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { keyQuery } from '#shared/db/keys';
import { expiresAt } from '#shared/db/ttl';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { DEVICE_PREFIX, notificationOnceKey, ownerPartition } from '../keys.ts';
import { notificationItem } from './inbox.ts';
import { enqueuePush } from './push-jobs.ts';

export interface NotificationInput {
  userId: string;
  type: string;
  title: string;
  content: string;
  meta?: Record<string, unknown>;
  push?: boolean;
  /** The inbox icon number; 0 (the original's default) when absent. */
  icon?: number;
  /** Who the notification is about (a user id, -1 for the support); the inbox shows her name. */
  subjectId?: number;
  /** Names the event, so processing it again notifies nobody twice. */
  onceKey?: string;
  /** The push's own text, when the inbox title and content do not read well alone on a lock screen. */
  pushTitle?: string;
  pushBody?: string;
}

/** Markers outlive every redelivery: SQS keeps a message (and its DLQ copy) at most 14 days. */
const ONCE_DAYS = 15;

export async function notify(input: NotificationInput): Promise<void> {
  const userId = Number(input.userId);
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new RangeError('notify: userId must be a user id');
  const now = new Date();
  let id: string = randomUUID();
  const item = notificationItem(userId, id, now.toISOString(), {
    type: input.type,
    title: input.title,
    content: input.content,
    icon: input.icon ?? 0,
    meta: input.meta ?? {},
    ...(input.subjectId === undefined ? {} : { subject_id: input.subjectId }),
  });
  if (input.onceKey === undefined) {
    await table.put(item);
  } else {
    const once = notificationOnceKey(userId, input.onceKey);
    try {
      await transact([
        { Put: { Item: item } },
        {
          Put: { Item: { ...once, notification_id: id, expiresAt: expiresAt(ONCE_DAYS * 86_400, now) }, ConditionExpression: 'attribute_not_exists(pk)' },
          conflictCode: 'already_notified',
        },
      ]);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'already_notified')) throw error;
      const first = await table.get<{ notification_id: string }>(once, { consistent: true });
      if (!first) throw error;
      id = first.notification_id;
    }
  }
  if (input.push && (await hasDevices(userId))) {
    await enqueuePush({
      userId: String(userId),
      pushId: id,
      title: input.pushTitle ?? input.title,
      body: input.pushBody ?? input.content,
      data: { type: input.type, notification_id: id },
    });
  }
}

async function hasDevices(userId: number): Promise<boolean> {
  const page = await table.query({ ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: DEVICE_PREFIX } }), ProjectionExpression: '#pk', Limit: 1 });
  return page.items.length > 0;
}
