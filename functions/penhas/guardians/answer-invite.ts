/** POST /web/guardiao: the guardian accepts or refuses, as JSON or from the page's form. */
import { AppError } from '#shared/errors';
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { answerInvite, loadInvite, publicInvite } from './guardians.ts';
import { countInviteView } from './invite-link-limits.ts';
import { answerInviteRoute } from './invite-link.route.ts';
import { invitePage, wantsHtml } from './invite-page.ts';

export const handler = httpRoute(answerInviteRoute, async ({ body, headers, event }) => {
  const html = wantsHtml(headers);
  const ip = event.requestContext.http.sourceIp;
  try {
    await countInviteView(ip);
    const invite = publicInvite(await answerInvite(body.token, body.action, ip));
    return html ? invitePage({ invite, token: body.token }) : json(invite);
  } catch (error) {
    if (!(html && error instanceof AppError)) throw error;
    // The page shows the message above the invite as it stands, when there is one to show.
    const current = await loadInvite(body.token).catch(() => undefined);
    return invitePage({ message: error.message, ...(current ? { invite: publicInvite(current), token: body.token } : {}) });
  }
});
