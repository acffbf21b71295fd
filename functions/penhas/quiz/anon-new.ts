/** POST /anon-questionnaires/new: starts an anonymous session. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { newAnonSession, verifyAnonToken } from './anon.ts';
import { anonNewRoute } from './anon-questionnaires.route.ts';

export const handler = httpRoute(anonNewRoute, async ({ body }) => {
  await verifyAnonToken(body.token);
  return json(await newAnonSession(body));
});
