/** POST /signup: the app's two steps, `dry=1` (checks) then `dry=0` (creates and logs in). */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { signUpRoute } from './signup.route.ts';
import { signUp } from './signups.ts';

export const handler = httpRoute(signUpRoute, async ({ body, event }) => json(await signUp(body, event.requestContext.http.sourceIp)));
