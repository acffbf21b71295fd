/** GET /me/chats-messages: a chat's messages. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { listMessagesRoute } from './chats.route.ts';
import { listMessages } from './chats.ts';

const num = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

export const handler = httpRoute(listMessagesRoute, activeAccount, async ({ query, caller }) =>
  json(await listMessages(caller.user, { chat_auth: query.chat_auth, pagination: query.pagination || undefined, rows: num(query.rows) })),
);
