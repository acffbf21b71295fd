/** POST /me/audios/upload-url: a presigned URL for a recording larger than a request carries. */
import '#shared/http/multipart';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { createAudioUploadRoute } from './audios.route.ts';
import { assertUploadsAllowed, createUpload } from './recordings.ts';

export const handler = httpRoute(createAudioUploadRoute, activeAccount, async ({ body, caller }) => {
  assertUploadsAllowed(caller.user);
  return json(await createUpload(caller.user, body));
});
