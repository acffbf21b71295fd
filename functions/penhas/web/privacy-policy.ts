/** GET /web/politica-privacidade */
import { httpRoute } from '#shared/http/route';
import { textPage } from './pages.ts';
import { countPageView } from './web-content.ts';
import { privacyPolicyRoute } from './web.route.ts';

export const handler = httpRoute(privacyPolicyRoute, async ({ event }) => {
  await countPageView(event.requestContext.http.sourceIp);
  return textPage('politica-privacidade');
});
