/** GET /admin/support-chats/{cliente_id}/messages: her support messages. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rowsOf } from './admin-params.ts';
import { readSupportChat } from './support.ts';
import { readSupportChatRoute } from './support.route.ts';

export const handler = httpRoute(readSupportChatRoute, admin, async ({ params, query, caller }) =>
  json(await readSupportChat(caller, Number(params.cliente_id), { rows: rowsOf(query.rows), next_page: query.next_page || undefined })),
);
