/** POST /anon-questionnaires/process: one answer to an anonymous session. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { anonProcess, verifyAnonToken } from './anon.ts';
import { anonProcessRoute } from './anon-questionnaires.route.ts';

export const handler = httpRoute(anonProcessRoute, async ({ body }) => {
  await verifyAnonToken(body.token);
  return json(await anonProcess(body));
});
