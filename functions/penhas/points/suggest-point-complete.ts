/** POST /me/sugerir-pontos-de-apoio-completo: the suggestion form the app sends. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { suggestPointCompleteRoute } from './points.route.ts';
import { countSuggestion, knownCategory } from './suggest-limits.ts';
import { completeSuggestion, SUGGESTION_RECEIVED, saveSuggestion } from './suggestions.ts';

export const handler = httpRoute(suggestPointCompleteRoute, activeAccount, async ({ body, caller, event }) => {
  await countSuggestion(caller.userId);
  await knownCategory(body.categoria);
  const fields = await completeSuggestion(body);
  const id = await saveSuggestion(caller.userId, 2, fields, event.requestContext.http.sourceIp);
  return json({ ...SUGGESTION_RECEIVED, id });
});
