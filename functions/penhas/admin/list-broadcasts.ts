/** GET /admin/broadcasts: the broadcasts and their reach. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rowsOf } from './admin-params.ts';
import { listBroadcasts } from './broadcasts.ts';
import { listBroadcastsRoute } from './broadcasts.route.ts';

export const handler = httpRoute(listBroadcastsRoute, admin, async ({ query }) =>
  json(await listBroadcasts({ rows: rowsOf(query.rows), next_page: query.next_page || undefined })),
);
