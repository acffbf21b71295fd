/** POST /api/auth/login. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { logIn } from './accounts.ts';
import { loginRoute } from './auth.route.ts';

export const handler = httpRoute(loginRoute, async ({ body, event }) => json(await logIn(body.email, body.password, event.requestContext.http.sourceIp)));
