/** POST /user/create: a new feed identity; the password is issued here, never chosen by the client. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { createUser } from './users.ts';

export const handler = httpRoute({ errors: liftlogErrors }, async () => json(await createUser()));
