/** POST /me/chats-session: opens (or finds) her chat with another user. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { openChatRoute } from './chats.route.ts';
import { openSession } from './chats.ts';

export const handler = httpRoute(openChatRoute, activeAccount, async ({ body, caller }) =>
  json(await openSession(caller.user, { cliente_id: Number(body.cliente_id), prefetch: body.prefetch === '1' })),
);
