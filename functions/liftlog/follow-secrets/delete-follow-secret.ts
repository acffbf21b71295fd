/** POST /follow-secret/delete: revokes one of the caller's follow secrets (200 even if it was not registered). */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from '../users/authenticate.ts';
import { deleteFollowSecretRoute } from './delete-follow-secret.route.ts';
import { revokeFollowSecret } from './follow-secrets.ts';

export const handler = httpRoute(deleteFollowSecretRoute, password('userId'), async ({ body, caller }) => {
  await revokeFollowSecret(caller.id, body.followSecret);
  return empty();
});
