/** DELETE /me/tweets: deletes one of her tweets. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { deleteTweetRoute } from './timeline.route.ts';
import { assertTweetsModule, deleteTweet } from './tweets.ts';

export const handler = httpRoute(deleteTweetRoute, activeAccount, async ({ body, caller }) => {
  assertTweetsModule(caller.user);
  await deleteTweet(caller.userId, body.id);
  return empty(204);
});
