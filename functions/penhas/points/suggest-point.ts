/** POST /me/sugerir-pontos-de-apoio: the short suggestion form (closed by default, as in the original). */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { badRequest } from '../errors.ts';
import { suggestPointRoute } from './points.route.ts';
import { countSuggestion, knownCategory } from './suggest-limits.ts';
import { SUGGESTION_RECEIVED, saveSuggestion, shortFormEnabled, shortSuggestion } from './suggestions.ts';

export const handler = httpRoute(suggestPointRoute, activeAccount, async ({ body, caller, event }) => {
  if (!shortFormEnabled()) throw badRequest('endereco_ou_cep', 'Por favor, atualize o aplicativo para enviar sugestões de ponto de apoio');
  await countSuggestion(caller.userId);
  await knownCategory(body.categoria);
  const fields = await shortSuggestion(body);
  const id = await saveSuggestion(caller.userId, 1, fields, event.requestContext.http.sourceIp);
  return json({ ...SUGGESTION_RECEIVED, id });
});
