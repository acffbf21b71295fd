/** GET /search-users: women of the community by name or activity. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { searchUsersRoute } from './chats.route.ts';
import { searchUsers } from './chats.ts';

const num = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));

export const handler = httpRoute(searchUsersRoute, activeAccount, async ({ query, caller }) =>
  json(
    await searchUsers(caller.user, {
      rows: num(query.rows),
      next_page: query.next_page || undefined,
      name: query.name || undefined,
      skills: query.skills || undefined,
    }),
  ),
);
