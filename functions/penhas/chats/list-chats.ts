/** GET /me/chats: her chats, the support chat and the assistant. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { listChatsRoute } from './chats.route.ts';
import { listChats } from './chats.ts';

const num = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

export const handler = httpRoute(listChatsRoute, activeAccount, async ({ query, caller }) =>
  json(await listChats(caller.user, { rows: num(query.rows), next_page: query.next_page || undefined })),
);
