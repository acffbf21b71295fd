/** GET /me/audios/{event_id}: one of her events and its recordings. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { getAudioEventRoute } from './audios.route.ts';
import { eventDetail } from './events.ts';
import { assertUploadsAllowed } from './recordings.ts';

export const handler = httpRoute(getAudioEventRoute, activeAccount, async ({ params, caller }) => {
  assertUploadsAllowed(caller.user);
  return json(await eventDetail(caller.userId, params.event_id));
});
