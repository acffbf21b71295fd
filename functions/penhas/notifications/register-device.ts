/** POST /me/devices. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { registerDevice } from './devices.ts';
import type { Platform } from './platforms.ts';
import { registerDeviceRoute } from './notifications.route.ts';

export const handler = httpRoute(registerDeviceRoute, activeAccount, async ({ body, caller }) =>
  json({ device: await registerDevice(caller.userId, { token: body.token, platform: body.platform as Platform }) }),
);
