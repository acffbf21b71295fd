/** GET /anon-questionnaires: the questionnaires open without an account. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { listAnonQuestionnaires, verifyAnonToken } from './anon.ts';
import { anonListRoute } from './anon-questionnaires.route.ts';

export const handler = httpRoute(anonListRoute, async ({ query }) => {
  await verifyAnonToken(query.token);
  return json(await listAnonQuestionnaires());
});
