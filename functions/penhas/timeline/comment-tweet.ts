/** POST /timeline/{tweet_id}/comment: comments on a tweet. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { publishTimelineEvent } from './timeline-events.ts';
import { viewTweet } from './timeline.ts';
import { commentTweetRoute } from './timeline.route.ts';
import { addTweet, publishedTweet, rootOf } from './tweets.ts';
import { viewerOf } from './viewer.ts';

export const handler = httpRoute(commentTweetRoute, activeAccount, async ({ params, body, caller, event }) => {
  const parent = await publishedTweet(params.tweet_id);
  const comment = await addTweet({ author: caller.user, content: body.content, mediaIds: body.media_ids || undefined, replyTo: parent });
  await publishTimelineEvent({
    kind: 'new_comment',
    tweet_id: parent.id,
    comment_id: comment.id,
    root_tweet_id: await rootOf(parent),
    subject_id: comment.anonimo ? 0 : caller.userId,
    exclude_poster_id: caller.userId,
  });
  return json(await viewTweet(viewerOf(caller, event), comment.id));
});
