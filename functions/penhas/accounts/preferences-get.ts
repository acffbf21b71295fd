/** GET /me/preferences: her notification preferences. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getPreferencesRoute } from './preferences.route.ts';
import { listPreferences } from './preferences.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(getPreferencesRoute, activeAccount, async ({ caller }) => json(await listPreferences(caller.user)));
