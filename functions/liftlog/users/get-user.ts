/** GET /user/{idOrLookup}: a user's public (encrypted) profile, by GUID or by share lookup; no auth. */
import { notFound } from '#shared/errors';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { isGuid } from '../wire.ts';
import { getUserRoute } from './get-user.route.ts';
import { findUser, findUserByLookup, viewOf } from './users.ts';

export const handler = httpRoute(getUserRoute, async ({ params: { idOrLookup } }) => {
  const user = isGuid(idOrLookup) ? await findUser(idOrLookup.toLowerCase()) : await findUserByLookup(idOrLookup);
  if (!user) throw notFound('user_not_found');
  return json(await viewOf(user));
});
