/** POST /api/v1/auth/login: e-mail and password for a new session. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { userView } from '../users/users.ts';
import { login } from './accounts.ts';
import { countLoginFromIp } from './login-limits.ts';
import { loginRoute } from './login.route.ts';

export const handler = httpRoute(loginRoute, async ({ body, event }) => {
  await countLoginFromIp(event.requestContext.http.sourceIp);
  const { user, token } = await login(body.email, body.password);
  return json({ user: userView(user), token, message: 'Login successful' });
});
