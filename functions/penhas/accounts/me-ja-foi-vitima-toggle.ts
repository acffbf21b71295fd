/** POST /me/ja-foi-vitima-de-violencia-toggle: switches whether she has been a victim of violence. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { setFlag } from './me-toggles.ts';
import { jaFoiVitimaToggleRoute } from './me-toggles.route.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(jaFoiVitimaToggleRoute, activeAccount, async ({ body, caller }) => {
  await setFlag(caller.userId, 'ja_foi_vitima_de_violencia', body.active);
  return empty(204);
});
