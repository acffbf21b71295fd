/** GET /me: the profile and modules; a pending quiz replaces the modules. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { pendingQuizForMe } from '../quiz/me-modules.ts';
import { getMeRoute } from './me-get.route.ts';
import { meView } from './me-view.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(getMeRoute, activeAccount, async ({ caller }) => json(meView(caller.user, await pendingQuizForMe(caller.user))));
