/** PUT /follow-secret: registers a secret that lets one follower read the caller's events. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from '../users/authenticate.ts';
import { registerFollowSecret } from './follow-secrets.ts';
import { putFollowSecretRoute } from './put-follow-secret.route.ts';

export const handler = httpRoute(putFollowSecretRoute, password('userId'), async ({ body, caller }) => {
  await registerFollowSecret(caller.id, body.followSecret);
  return empty();
});
