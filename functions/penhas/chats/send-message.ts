/** POST /me/chats-messages: sends a message in a chat. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { sendMessageRoute } from './chats.route.ts';
import { sendMessage } from './chats.ts';

export const handler = httpRoute(sendMessageRoute, activeAccount, async ({ body, caller }) =>
  json(await sendMessage(caller.user, { chat_auth: body.chat_auth, message: body.message })),
);
