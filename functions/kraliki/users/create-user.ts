/** POST /api/users. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { createUser } from './manage.ts';
import { createUserRoute } from './users.route.ts';

export const handler = httpRoute(createUserRoute, admin, async ({ body, caller }) => json(await createUser(caller, body), 201));
