/**
 * The `notifications` queue's jobs: what happened, not who to tell. The
 * consumer (notification-events.ts) finds the recipients, reads their
 * preferences and writes their inbox rows. A like or comment comes from the
 * timeline (timeline/timeline-events.ts); an unread chat message from the
 * unread-chat schedule. `subject_id` is 0 for an anonymous author, so no row
 * ever names her; `exclude_poster_id` is the author herself, never notified.
 */
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';

const tweetId = z.string().check(z.minLength(1), z.maxLength(40));

export const notificationEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_like'), tweet_id: tweetId, subject_id: z.number(), exclude_poster_id: z.number() }),
  z.object({
    kind: z.literal('new_comment'),
    tweet_id: tweetId,
    comment_id: tweetId,
    root_tweet_id: tweetId,
    subject_id: z.number(),
    exclude_poster_id: z.number(),
  }),
  z.object({
    kind: z.literal('new_message'),
    /** Who has the unread message. */
    cliente_id: z.number(),
    /** Who wrote it; -1: the support. */
    subject_id: z.number(),
    /** When it was marked unread: with the two ids, names the marker notified. */
    messaged_at: z.string().check(z.maxLength(40)),
  }),
]);
export type NotificationEvent = z.infer<typeof notificationEvent>;

export const enqueueNotificationEvent = (event: NotificationEvent): Promise<string> => sendJob(queues.notifications, event);
