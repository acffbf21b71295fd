/** `POST /ai/session`: one session generated for the areas the user wants to train, for pro users within their rate limit. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { proToken } from '../auth/pro-token.ts';
import { consumeAiRequest } from '../rate-limit.ts';
import { generateSession } from './plan-generator.ts';
import { postSessionRoute } from './post-session.route.ts';

export const handler = httpRoute(postSessionRoute, proToken, async ({ body, caller }) => {
  await consumeAiRequest(caller);
  return json(await generateSession(body));
});
