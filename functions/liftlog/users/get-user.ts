/** GET /user/{idOrLookup}: a user's public (encrypted) profile, by GUID or by share lookup; no auth. */
import * as z from 'zod/mini';
import { notFound } from '#shared/errors';
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { isGuid } from '../wire.ts';
import { findUser, findUserByLookup, viewOf } from './users.ts';

const params = z.object({ idOrLookup: z.string() });

export const handler = httpRoute({ errors: liftlogErrors, params }, async ({ params: { idOrLookup } }) => {
  const user = isGuid(idOrLookup) ? await findUser(idOrLookup.toLowerCase()) : await findUserByLookup(idOrLookup);
  if (!user) throw notFound('user_not_found');
  return json(await viewOf(user));
});
