/** POST /api/v1/auth/register: a new organization, its admin, and the admin's first tokens. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { userView } from '../users/users.ts';
import { register } from './accounts.ts';
import { countRegistrationFromIp } from './login-limits.ts';
import { registerRoute } from './register.route.ts';

export const handler = httpRoute(registerRoute, async ({ body, event }) => {
  await countRegistrationFromIp(event.requestContext.http.sourceIp);
  const { user, token } = await register(body);
  return json({ user: userView(user), token, message: 'Registration successful' }, 201);
});
