/** GET /profile: another user's public profile. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { profileRoute } from './chats.route.ts';
import { profile } from './chats.ts';

export const handler = httpRoute(profileRoute, activeAccount, async ({ query, caller }) => json(await profile(caller.user, Number(query.cliente_id))));
