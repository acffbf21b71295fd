/** POST /api/v1/auth/logout: revokes the caller's session. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { logout } from './accounts.ts';
import { tenantUser } from './access.ts';
import { logoutRoute } from './logout.route.ts';

export const handler = httpRoute(logoutRoute, tenantUser, async ({ body, caller }) => {
  await logout(caller.userId, body.refresh_token);
  return json({ success: true, message: 'Logout successful' });
});
