/** POST /api/auth/register. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { register } from './accounts.ts';
import { registerRoute } from './auth.route.ts';

export const handler = httpRoute(registerRoute, async ({ body, event }) => json(await register(body, event.requestContext.http.sourceIp), 201));
