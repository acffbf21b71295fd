/** POST /me/audios/uploads/{upload_id}/complete: the file PUT at the presigned URL becomes her recording. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { completeAudioUploadRoute } from './audios.route.ts';
import { assertUploadsAllowed, completeUpload } from './recordings.ts';

export const handler = httpRoute(completeAudioUploadRoute, activeAccount, async ({ params, caller }) => {
  assertUploadsAllowed(caller.user);
  return json(await completeUpload(caller.user, params.upload_id));
});
