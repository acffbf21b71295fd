/** GET /admin/support-chats: the support queue. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rowsOf } from './admin-params.ts';
import { listSupportChats } from './support.ts';
import { listSupportChatsRoute } from './support.route.ts';

export const handler = httpRoute(listSupportChatsRoute, admin, async ({ query }) =>
  json(await listSupportChats(query.state ?? 'waiting', { rows: rowsOf(query.rows), next_page: query.next_page || undefined })),
);
