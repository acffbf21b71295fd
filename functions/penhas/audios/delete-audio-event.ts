/** DELETE /me/audios/{event_id}: removes one of her events from her list. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { deleteAudioEventRoute } from './audios.route.ts';
import { deleteEvent } from './events.ts';
import { assertUploadsAllowed } from './recordings.ts';

export const handler = httpRoute(deleteAudioEventRoute, activeAccount, async ({ params, caller }) => {
  assertUploadsAllowed(caller.user);
  await deleteEvent(caller.userId, params.event_id);
  return empty(204);
});
