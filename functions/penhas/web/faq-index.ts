/** GET /web/faq */
import { httpRoute } from '#shared/http/route';
import { faqIndexPage } from './pages.ts';
import { countPageView } from './web-content.ts';
import { faqIndexRoute } from './web.route.ts';

export const handler = httpRoute(faqIndexRoute, async ({ event }) => {
  await countPageView(event.requestContext.http.sourceIp);
  return faqIndexPage();
});
