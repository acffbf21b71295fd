/** GET /admin/point-suggestions: suggestions to review. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rowsOf } from './admin-params.ts';
import { listSuggestions } from './point-writes.ts';
import { listSuggestionsRoute } from './points.route.ts';

export const handler = httpRoute(listSuggestionsRoute, admin, async ({ query }) =>
  json(await listSuggestions({ status: query.status, rows: rowsOf(query.rows), next_page: query.next_page || undefined })),
);
