/** POST /user/delete: deletes the caller's account now and everything it owns soon after. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from './authenticate.ts';
import { deleteUserRoute } from './delete-user.route.ts';
import { deleteAccount } from './erasure.ts';

export const handler = httpRoute(deleteUserRoute, password('id'), async ({ caller }) => {
  await deleteAccount(caller);
  return empty();
});
