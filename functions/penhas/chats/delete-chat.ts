/** DELETE /me/chats-session: deletes a private chat, or clears the support chat. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { deleteChatRoute } from './chats.route.ts';
import { deleteSession } from './chats.ts';

export const handler = httpRoute(deleteChatRoute, activeAccount, async ({ body, caller }) => {
  await deleteSession(caller.user, body.chat_auth);
  return empty(204);
});
