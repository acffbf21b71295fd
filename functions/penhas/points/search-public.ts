/** GET /pontos-de-apoio: the public search (the web map; anonymous, even with a session token). */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { searchPointsRoute } from './points.route.ts';
import { countPublicSearch, csvExport, search } from './search-request.ts';

export const handler = httpRoute(searchPointsRoute, async ({ query, event }) => {
  await countPublicSearch(event.requestContext.http.sourceIp);
  return (await csvExport(query)) ?? json(await search(query));
});
