/** POST /me/modo-anonimo-toggle: switches anonymous mode. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { setFlag } from './me-toggles.ts';
import { modoAnonimoToggleRoute } from './me-toggles.route.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(modoAnonimoToggleRoute, activeAccount, async ({ body, caller }) => {
  await setFlag(caller.userId, 'modo_anonimo_ativo', body.active);
  return empty(204);
});
