/** PUT /admin/news-feeds/{id}: a news feed. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { putNewsFeedRoute } from './content.route.ts';
import { putNewsFeed } from './content-writes.ts';

export const handler = httpRoute(putNewsFeedRoute, admin, async ({ params, body, caller }) => {
  const { created } = await putNewsFeed(caller, Number(params.id), body);
  return json({ id: Number(params.id), created: created ? 1 : 0 });
});
