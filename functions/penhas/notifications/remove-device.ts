/** DELETE /me/devices/{device}. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { removeDevice } from './devices.ts';
import { removeDeviceRoute } from './notifications.route.ts';

export const handler = httpRoute(removeDeviceRoute, activeAccount, async ({ params, caller }) => {
  await removeDevice(caller.userId, params.device);
  return empty(204);
});
