/** POST /block-profile: blocks (or with `remove=1` unblocks) another user's profile. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { blockProfileRoute } from './profile-actions.route.ts';
import { blockProfile, unblockProfile } from './profile-actions.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(blockProfileRoute, activeAccount, async ({ body, caller }) => {
  const clienteId = Number(body.cliente_id);
  if (body.remove === '1') {
    await unblockProfile(caller.user, clienteId);
    return json({ message: 'A usuária foi desbloqueada com sucesso.' });
  }
  await blockProfile(caller.user, clienteId);
  return json({ message: 'A usuária foi bloqueada com sucesso.' });
});
