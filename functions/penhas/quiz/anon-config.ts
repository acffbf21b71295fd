/** GET /anon-questionnaires/config: the anonymous client's configuration. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { anonConfig, verifyAnonToken } from './anon.ts';
import { anonConfigRoute } from './anon-questionnaires.route.ts';

export const handler = httpRoute(anonConfigRoute, async ({ query }) => {
  await verifyAnonToken(query.token);
  return json(await anonConfig());
});
