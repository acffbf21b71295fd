/** GET /web/faq/{faq_id} */
import { httpRoute } from '#shared/http/route';
import { faqDetailPage } from './pages.ts';
import { countPageView } from './web-content.ts';
import { faqDetailRoute } from './web.route.ts';

export const handler = httpRoute(faqDetailRoute, async ({ event, params }) => {
  await countPageView(event.requestContext.http.sourceIp);
  return faqDetailPage(params.faq_id);
});
