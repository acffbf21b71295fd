/** POST /api/auth/logout. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { logOut } from './accounts.ts';
import { logoutRoute } from './auth.route.ts';

export const handler = httpRoute(logoutRoute, async ({ body }) => {
  await logOut(body.refresh_token);
  return json({ message: 'Logged out successfully' });
});
