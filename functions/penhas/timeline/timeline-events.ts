/**
 * Where the timeline tells the rest of the service that someone liked or
 * commented on a tweet: the notifications feature (which builds the inbox
 * and device pushes) hooks in here by sending these events to its queue.
 * Until then they are only logged. The subject is 0 for an anonymous author,
 * as the original's jobs carried it, so a notification never names her.
 */
import { logger } from '#shared/observability/logger';

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

export async function publishTimelineEvent(event: TimelineEvent): Promise<void> {
  logger.debug('timeline event', { kind: event.kind, tweetId: event.tweet_id });
}
