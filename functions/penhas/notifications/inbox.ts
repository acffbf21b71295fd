/**
 * Her in-app notifications as stored: one item per notification in her
 * partition (`NOTIFICATION#<ISO time>#<id>`), so the inbox is one Query
 * newest first and goes with her account. What she has read is the sort key
 * of the newest row she saw on page 1 (`NOTIFICATION_READ`), as the
 * original's `read_until`: the unread count is a COUNT of the rows after it.
 */
import * as table from '#shared/db/table';
import { keyQuery } from '#shared/db/keys';
import { notificationKey, notificationReadKey, NOTIFICATION_PREFIX, NOTIFICATION_PREFIX_END, ownerPartition } from '../keys.ts';

export type NotificationItem = {
  pk: string;
  sk: string;
  id: string;
  cliente_id: number;
  /** What made it: `new_like`, `new_comment`, `new_message`, or a caller's own type. */
  type: string;
  title: string;
  content: string;
  /** The icon number (`<DEFAULT_NOTIFICATION_ICON>/<icon>.svg`). */
  icon: number;
  /** Who it is about: a user id, -1 for the support, absent for PenhaS itself. */
  subject_id?: number;
  /** `tweet_id`, `comment_id`, `chat`, `admin_mode`: what the inbox links to and how it names the subject. */
  meta: Record<string, unknown>;
  created_at: string;
};

export function notificationItem(
  userId: number,
  id: string,
  createdAt: string,
  fields: Pick<NotificationItem, 'type' | 'title' | 'content' | 'icon' | 'meta'> & { subject_id?: number },
): NotificationItem {
  return { ...notificationKey(userId, createdAt, id), id, cliente_id: userId, created_at: createdAt, ...fields };
}

export async function readUntil(userId: number): Promise<string | undefined> {
  return (await table.get<{ read_until: string }>(notificationReadKey(userId), { consistent: true }))?.read_until;
}

/** Page 1 was shown: everything up to its newest row is read. Never moves the mark back. */
export async function markReadUntil(userId: number, sk: string, now = new Date()): Promise<void> {
  await table.update(notificationReadKey(userId), 'SET read_until = :sk, updated_at = :now', {
    condition: 'attribute_not_exists(read_until) OR read_until < :sk',
    values: { ':sk': sk, ':now': now.toISOString() },
  });
}

/** The rows after `readUntil` (all of them when she never read), reading only their keys. */
export async function countAfter(userId: number, after: string | undefined): Promise<number> {
  // Any sort key greater than `after` is at least `after` followed by the lowest character.
  const from = after === undefined ? NOTIFICATION_PREFIX : `${after}\u0000`;
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query({
      ...keyQuery({ pk: ownerPartition(userId), sk: { between: [from, NOTIFICATION_PREFIX_END] } }),
      ProjectionExpression: '#pk',
      ExclusiveStartKey: startKey,
    });
    count += page.items.length;
    startKey = page.lastKey;
  } while (startKey);
  return count;
}
