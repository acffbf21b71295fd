/** POST /timeline/{tweet_id}/report: reports a tweet to moderation. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { reportTweetRoute } from './timeline.route.ts';
import { publishedTweet, reportTweet } from './tweets.ts';

export const handler = httpRoute(reportTweetRoute, activeAccount, async ({ params, body, caller }) => {
  const tweet = await publishedTweet(params.tweet_id);
  await reportTweet(caller.userId, tweet.id, body.reason);
  return json({ message: 'Sua denúncia foi recebida com sucesso.' });
});
