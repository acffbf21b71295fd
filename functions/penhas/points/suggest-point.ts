/** POST /me/sugerir-pontos-de-apoio: the short suggestion form (closed by default, as in the original). */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount, type SessionCaller } from '../accounts/session-auth.ts';
import { badRequest } from '../errors.ts';
import { suggestPointRoute } from './points.route.ts';
import { countSuggestion, knownCategory } from './suggest-limits.ts';
import { SUGGESTION_RECEIVED, saveSuggestion, shortFormEnabled, shortSuggestion } from './suggestions.ts';

/**
 * Her session, then the closed form: the original answered an app still sending this form with
 * the update notice before reading any field, so a closed form never answers a field error.
 */
const openFormCaller = defineAuthenticator<'api-key', SessionCaller>({
  ...activeAccount,
  authenticate: async (request) => {
    const caller = await activeAccount.authenticate(request);
    if (!shortFormEnabled()) throw badRequest('endereco_ou_cep', 'Por favor, atualize o aplicativo para enviar sugestões de ponto de apoio');
    return caller;
  },
});

export const handler = httpRoute(suggestPointRoute, openFormCaller, async ({ body, caller, event }) => {
  await countSuggestion(caller.userId);
  await knownCategory(body.categoria);
  const fields = await shortSuggestion(body);
  const id = await saveSuggestion(caller.userId, 1, fields, event.requestContext.http.sourceIp);
  return json({ ...SUGGESTION_RECEIVED, id });
});
