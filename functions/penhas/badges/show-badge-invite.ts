/** GET /badge/accept: the invitation page. */
import { httpRoute } from '#shared/http/route';
import { showBadgeInviteRoute } from './badge-accept.route.ts';
import { countPageRequest, showInvitation } from './invite-page.ts';

export const handler = httpRoute(showBadgeInviteRoute, async ({ query, event }) => {
  await countPageRequest(event.requestContext.http.sourceIp);
  return showInvitation(query.token || undefined);
});
