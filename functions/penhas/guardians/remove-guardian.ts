/** DELETE /me/guardioes/{guard_id}: removes one of her guardians. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { itemNotFound } from '../errors.ts';
import { removeGuardianRoute } from './guardians.route.ts';
import { guardianIdOf, removeGuardian } from './guardians.ts';

export const handler = httpRoute(removeGuardianRoute, activeAccount, async ({ params, caller }) => {
  const id = guardianIdOf(params.guard_id);
  if (id === undefined) throw itemNotFound();
  await removeGuardian(caller.userId, id);
  return empty(204);
});
