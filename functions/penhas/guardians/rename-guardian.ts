/** PUT /me/guardioes/{guard_id}: renames one of her guardians. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { itemNotFound } from '../errors.ts';
import { renameGuardianRoute } from './guardians.route.ts';
import { guardianIdOf, renameGuardian } from './guardians.ts';

export const handler = httpRoute(renameGuardianRoute, activeAccount, async ({ body, params, caller }) => {
  const id = guardianIdOf(params.guard_id);
  if (id === undefined) throw itemNotFound();
  return json(await renameGuardian(caller.userId, id, body.nome));
});
