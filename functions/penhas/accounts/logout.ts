/** POST /logout: ends the caller's session (any account status: a scheduled deletion may log out). */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { logoutRoute } from './logout.route.ts';
import { session } from './session-auth.ts';
import { closeSession } from './sessions.ts';

export const handler = httpRoute(logoutRoute, session, async ({ caller }) => {
  await closeSession(caller.userId, caller.sessionId);
  return empty(204);
});
