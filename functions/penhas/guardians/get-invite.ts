/** GET /web/guardiao?token=: the invite, as JSON or as its page. */
import { AppError } from '#shared/errors';
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { loadInvite, publicInvite } from './guardians.ts';
import { countInviteView } from './invite-link-limits.ts';
import { getInviteRoute } from './invite-link.route.ts';
import { invitePage, wantsHtml } from './invite-page.ts';

export const handler = httpRoute(getInviteRoute, async ({ query, headers, event }) => {
  const html = wantsHtml(headers);
  try {
    await countInviteView(event.requestContext.http.sourceIp);
    const invite = publicInvite(await loadInvite(query.token));
    return html ? invitePage({ invite, token: query.token }) : json(invite);
  } catch (error) {
    if (html && error instanceof AppError) return invitePage({ message: error.message });
    throw error;
  }
});
