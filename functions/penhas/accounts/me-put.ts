/** PUT /me: changes the profile; answers as GET /me. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { pendingQuizForMe } from '../quiz/me-modules.ts';
import { putMeRoute } from './me-put.route.ts';
import { updateMe } from './me-update.ts';
import { meView } from './me-view.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(putMeRoute, activeAccount, async ({ body, caller }) => {
  const user = await updateMe(caller.user, body);
  return json(meView(user, await pendingQuizForMe(user)));
});
