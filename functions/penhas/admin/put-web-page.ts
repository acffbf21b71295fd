/** PUT /admin/web-pages/{slug}: a web page's text. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { putWebPageRoute } from './content.route.ts';
import { putWebPage } from './content-writes.ts';

export const handler = httpRoute(putWebPageRoute, admin, async ({ params, body, caller }) => {
  await putWebPage(caller, params.slug, body);
  return empty(204);
});
