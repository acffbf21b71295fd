/** GET /media-download: an image of the timeline, for the viewer the link was made for. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { session } from '../accounts/session-auth.ts';
import { badRequest, itemNotFound } from '../errors.ts';
import { loadLinkSalts, mediaHash } from './links.ts';
import { downloadMediaRoute } from './media.route.ts';
import { imageUrl } from './media.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const handler = httpRoute(downloadMediaRoute, session, async ({ query, caller, event }) => {
  await loadLinkSalts();
  if (query.h !== mediaHash(caller.userId, query.q, event.requestContext.http.sourceIp)) throw badRequest('media_hash_invalid', 'hash não confere.');
  if (!UUID.test(query.m)) throw itemNotFound();
  const url = await imageUrl(query.m, query.q);
  if (!url) throw itemNotFound();
  return empty(302, { location: url, 'cache-control': 'private, max-age=240' });
});
