/** POST /badge/accept: she accepts the invitation. */
import { httpRoute } from '#shared/http/route';
import { acceptBadgeInviteRoute } from './badge-accept.route.ts';
import { confirmInvitation, countPageRequest } from './invite-page.ts';

export const handler = httpRoute(acceptBadgeInviteRoute, async ({ body, headers, event }) => {
  const ip = event.requestContext.http.sourceIp;
  await countPageRequest(ip);
  return confirmInvitation(body.token || undefined, { ip, userAgent: headers['user-agent'] ?? '' });
});
