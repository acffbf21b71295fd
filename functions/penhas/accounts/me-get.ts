/** GET /me: the profile (with the badges she holds) and modules; a pending quiz replaces the modules. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeBadges } from '../badges/badges.ts';
import { pendingQuizForMe } from '../quiz/me-modules.ts';
import { getMeRoute } from './me-get.route.ts';
import { meView } from './me-view.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(getMeRoute, activeAccount, async ({ caller }) => {
  const [quiz, badges] = await Promise.all([pendingQuizForMe(caller.user), activeBadges(caller.userId)]);
  return json(meView(caller.user, quiz, undefined, badges));
});
