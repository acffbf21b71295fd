/** POST /me/media: uploads an image for a tweet or a chat. */
import '#shared/http/multipart';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { uploadMediaRoute } from './media.route.ts';
import { uploadImage } from './media.ts';

export const handler = httpRoute(uploadMediaRoute, activeAccount, async ({ body, caller }) =>
  json({ id: await uploadImage(caller.user, body.intention, body.media) }),
);
