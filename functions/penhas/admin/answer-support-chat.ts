/** POST /admin/support-chats/{cliente_id}/messages: the support's answer. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { answerSupport } from './support.ts';
import { answerSupportChatRoute } from './support.route.ts';

export const handler = httpRoute(answerSupportChatRoute, admin, async ({ params, body, caller }) =>
  json(await answerSupport(caller, Number(params.cliente_id), body.message)),
);
