/**
 * Where the timeline tells the rest of the service that someone liked or
 * commented on a tweet: each event goes to the `notifications` queue, whose
 * consumer writes the inbox rows and device pushes (notifications/). The
 * subject is 0 for an anonymous author, as the original's jobs carried it, so
 * a notification never names her.
 */
import { logger } from '#shared/observability/logger';
import { enqueueNotificationEvent } from '../notifications/events.ts';

export interface TweetLiked {
  kind: 'new_like';
  tweet_id: string;
  subject_id: number;
  exclude_poster_id: number;
}

export interface TweetCommented {
  kind: 'new_comment';
  /** The tweet answered. */
  tweet_id: string;
  comment_id: string;
  /** The post at the top of the thread. */
  root_tweet_id: string;
  subject_id: number;
  exclude_poster_id: number;
}

export type TimelineEvent = TweetLiked | TweetCommented;

/** The like or comment is stored already: a queue outage costs the notification, never the answer. */
export async function publishTimelineEvent(event: TimelineEvent): Promise<void> {
  try {
    await enqueueNotificationEvent(event);
  } catch (error) {
    logger.error('timeline event not queued; no notification for it', { kind: event.kind, tweetId: event.tweet_id, errorName: (error as Error).name });
  }
}
