/** GET /web/termos-de-uso */
import { httpRoute } from '#shared/http/route';
import { textPage } from './pages.ts';
import { countPageView } from './web-content.ts';
import { termsOfUseRoute } from './web.route.ts';

export const handler = httpRoute(termsOfUseRoute, async ({ event }) => {
  await countPageView(event.requestContext.http.sourceIp);
  return textPage('termos-de-uso');
});
