/** POST /me/audios: one part of a recording, as the app uploads it. */
import '#shared/http/multipart';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { uploadAudioRoute } from './audios.route.ts';
import { assertUploadsAllowed, receiveRecording } from './recordings.ts';

export const handler = httpRoute(uploadAudioRoute, activeAccount, async ({ body, caller }) => {
  assertUploadsAllowed(caller.user);
  const { media, ...fields } = body;
  return json(await receiveRecording(caller.user, fields, media));
});
