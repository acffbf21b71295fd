/** GET /me/audios: her recording events she may still see. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { listAudiosRoute } from './audios.route.ts';
import { listEvents } from './events.ts';
import { assertUploadsAllowed } from './recordings.ts';

export const handler = httpRoute(listAudiosRoute, activeAccount, async ({ caller }) => {
  assertUploadsAllowed(caller.user);
  return json(await listEvents(caller.userId));
});
