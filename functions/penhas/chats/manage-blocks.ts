/** POST /me/manage-blocks: blocks or unblocks another user. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { manageBlocksRoute } from './chats.route.ts';
import { manageBlock } from './chats.ts';

export const handler = httpRoute(manageBlocksRoute, activeAccount, async ({ body, caller }) => {
  await manageBlock(caller.user, { cliente_id: Number(body.cliente_id), block: body.block === '1' });
  return empty(204);
});
