/** `POST /ai/session`: one session generated for the areas the user wants to train, for pro users within their rate limit. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { parseWith } from '#shared/validation';
import { authenticateProUser } from '../auth/pro-token.ts';
import { consumeAiRequest } from '../rate-limit.ts';
import { generateSession } from './plan-generator.ts';
import { sessionRequest } from './schemas.ts';

export const handler = httpRoute({ errors: liftlogErrors }, async ({ event, body }) => {
  const credential = await authenticateProUser(event);
  const request = parseWith(sessionRequest, body, 'body');
  await consumeAiRequest(credential);
  return json(await generateSession(request));
});
