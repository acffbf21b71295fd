/** POST /timeline/{tweet_id}/like: likes a tweet, or takes the like back. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { publishTimelineEvent } from './timeline-events.ts';
import { viewTweet } from './timeline.ts';
import { likeTweetRoute } from './timeline.route.ts';
import { likeTweet, publishedTweet } from './tweets.ts';
import { viewerOf } from './viewer.ts';

export const handler = httpRoute(likeTweetRoute, activeAccount, async ({ params, body, caller, event }) => {
  const tweet = await publishedTweet(params.tweet_id);
  const liked = await likeTweet(caller.userId, tweet.id, body.remove === '1');
  if (liked) {
    await publishTimelineEvent({
      kind: 'new_like',
      tweet_id: tweet.id,
      subject_id: caller.user.modo_anonimo_ativo ? 0 : caller.userId,
      exclude_poster_id: caller.userId,
    });
  }
  return json({ tweet: await viewTweet(viewerOf(caller, event), tweet.id) });
});
