/** POST /me/preferences: sets the preferences given; answers the list. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { postPreferencesRoute } from './preferences.route.ts';
import { listPreferences, setPreferences } from './preferences.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(postPreferencesRoute, activeAccount, async ({ body, caller }) => {
  await setPreferences(caller.user, body as Record<string, string | undefined>);
  return json(await listPreferences(caller.user));
});
