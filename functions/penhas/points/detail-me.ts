/** GET /me/pontos-de-apoio/{ponto_apoio_id}: the point with her rating and its HTML summary. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { pointDetail } from './detail.ts';
import { myPointDetailRoute } from './points.route.ts';
import { ratingOf } from './ratings.ts';

export const handler = httpRoute(myPointDetailRoute, activeAccount, async ({ params, caller }) =>
  json(await pointDetail(params.ponto_apoio_id, { rating: (pointId) => ratingOf(caller.userId, pointId) })),
);
