/** POST /me/inc-login-offline: counts logins made while offline. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { addOfflineLogins } from './me-counters.ts';
import { incLoginOfflineRoute } from './me-counters.route.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(incLoginOfflineRoute, activeAccount, async ({ body, caller }) => {
  await addOfflineLogins(caller.userId, Number(body.inc_by));
  return empty(204);
});
