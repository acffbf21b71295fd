/** POST /me/call-police-pressed: counts a call to the police from the app. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { countPoliceCall } from './me-counters.ts';
import { callPolicePressedRoute } from './me-counters.route.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(callPolicePressedRoute, activeAccount, async ({ caller }) => {
  await countPoliceCall(caller.userId);
  return empty(204);
});
