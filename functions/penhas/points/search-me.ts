/** GET /me/pontos-de-apoio: the app's search, with her ratings and her CEP as the fallback location. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { searchMyPointsRoute } from './points.route.ts';
import { countUserSearch, csvExport, search } from './search-request.ts';

export const handler = httpRoute(searchMyPointsRoute, activeAccount, async ({ query, caller }) => {
  await countUserSearch(caller.userId);
  return (await csvExport(query)) ?? json(await search(query, caller.user));
});
