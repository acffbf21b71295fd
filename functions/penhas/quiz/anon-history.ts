/** GET /anon-questionnaires/history: an anonymous session as it stands. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { anonHistory, verifyAnonToken } from './anon.ts';
import { anonHistoryRoute } from './anon-questionnaires.route.ts';

export const handler = httpRoute(anonHistoryRoute, async ({ query }) => {
  await verifyAnonToken(query.token);
  return json(await anonHistory(query));
});
