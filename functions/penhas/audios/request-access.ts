/** POST /me/audios/{event_id}/request-access: asks for a blocked event to be freed. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { requestAudioAccessRoute } from './audios.route.ts';
import { requestAccess } from './events.ts';
import { assertUploadsAllowed } from './recordings.ts';

export const handler = httpRoute(requestAudioAccessRoute, activeAccount, async ({ params, caller }) => {
  assertUploadsAllowed(caller.user);
  return json(await requestAccess(caller.userId, params.event_id));
});
