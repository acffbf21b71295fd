/** POST /me/modo-camuflado-toggle: switches camouflage mode. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { setFlag } from './me-toggles.ts';
import { modoCamufladoToggleRoute } from './me-toggles.route.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(modoCamufladoToggleRoute, activeAccount, async ({ body, caller }) => {
  await setFlag(caller.userId, 'modo_camuflado_ativo', body.active);
  return empty(204);
});
