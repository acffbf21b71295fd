/**
 * The unread-chat rule: a chat message still unread 5 minutes after it came
 * notifies her once. The chats feature leaves a marker at her first unread
 * message from someone (gsi1 `CHAT_PENDING`, by time); this reads the markers
 * older than 5 minutes, queues one `new_message` event each, and takes each
 * marker off the index, so the next run skips it. The marker itself stays
 * (expiring after a day) so later messages of the same sender notify nothing
 * more until she reads the chat (which deletes it), as in the original.
 *
 * Queued before the marker moves: a crash between the two queues the event
 * again on the next run, and the event's key (sender and time) makes the
 * second one notify nobody.
 */
import { sendJobs } from '#shared/queue/send';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { pendingChatMessagesBefore } from '../chats/store.ts';
import { chatPendingKey } from '../keys.ts';
import { queues } from '../resources.ts';
import type { NotificationEvent } from './events.ts';

export const UNREAD_CHAT_MINUTES = 5;
/** A notified marker is forgotten after this long, so a message after it notifies again even unread. */
const NOTIFIED_MARKER_SECONDS = 86_400;

export async function notifyUnreadChats(now = new Date()): Promise<number> {
  const due = await pendingChatMessagesBefore(new Date(now.getTime() - UNREAD_CHAT_MINUTES * 60_000));
  if (due.length === 0) return 0;
  const events: NotificationEvent[] = due.map((marker) => ({
    kind: 'new_message',
    cliente_id: marker.cliente_id,
    subject_id: marker.pending_message_cliente_id,
    messaged_at: marker.messaged_at,
  }));
  await sendJobs(queues.notifications, events);
  await Promise.all(
    due.map((marker) =>
      table.update(chatPendingKey(marker.cliente_id, marker.pending_message_cliente_id), 'SET notified_at = :now, expiresAt = :expires REMOVE gsi1pk, gsi1sk', {
        condition: 'messaged_at = :at',
        values: { ':now': now.toISOString(), ':expires': expiresAt(NOTIFIED_MARKER_SECONDS, new Date(marker.messaged_at)), ':at': marker.messaged_at },
      }),
    ),
  );
  return due.length;
}
