/** `POST /ai/workout`: a whole plan generated from the user's attributes, for pro users within their rate limit. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { proToken } from '../auth/pro-token.ts';
import { consumeAiRequest } from '../rate-limit.ts';
import { generateWorkoutPlan } from './plan-generator.ts';
import { postWorkoutRoute } from './post-workout.route.ts';

export const handler = httpRoute(postWorkoutRoute, proToken, async ({ body, caller }) => {
  await consumeAiRequest(caller);
  return json(await generateWorkoutPlan(body));
});
