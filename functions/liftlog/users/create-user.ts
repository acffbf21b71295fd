/** POST /user/create: a new feed identity; the password is issued here, never chosen by the client. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { createUserRoute } from './create-user.route.ts';
import { createUser } from './users.ts';

export const handler = httpRoute(createUserRoute, async () => json(await createUser()));
