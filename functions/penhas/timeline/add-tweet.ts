/** POST /me/tweets: posts a tweet. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { viewTweet } from './timeline.ts';
import { addTweetRoute } from './timeline.route.ts';
import { addTweet, assertTweetsModule } from './tweets.ts';
import { viewerOf } from './viewer.ts';

export const handler = httpRoute(addTweetRoute, activeAccount, async ({ body, caller, event }) => {
  assertTweetsModule(caller.user);
  const tweet = await addTweet({ author: caller.user, content: body.content, mediaIds: body.media_ids || undefined });
  return json(await viewTweet(viewerOf(caller, event), tweet.id));
});
