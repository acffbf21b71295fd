/** `POST /ai/workout`: a whole plan generated from the user's attributes, for pro users within their rate limit. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { parseWith } from '#shared/validation';
import { authenticateProUser } from '../auth/pro-token.ts';
import { consumeAiRequest } from '../rate-limit.ts';
import { generateWorkoutPlan } from './plan-generator.ts';
import { workoutRequest } from './schemas.ts';

export const handler = httpRoute({ errors: liftlogErrors }, async ({ event, body }) => {
  const credential = await authenticateProUser(event);
  const request = parseWith(workoutRequest, body, 'body');
  await consumeAiRequest(credential);
  return json(await generateWorkoutPlan(request));
});
