/** POST /follow-secret/delete: revokes one of the caller's follow secrets (200 even if it was not registered). */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { authenticate } from '../users/authenticate.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';
import { MAX_FOLLOW_SECRET_LENGTH, revokeFollowSecret } from './follow-secrets.ts';

const body = jsonObject({ userId: guid(), password: nonBlank(40), followSecret: nonBlank(MAX_FOLLOW_SECRET_LENGTH) });

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  await authenticate(body.userId, body.password);
  await revokeFollowSecret(body.userId, body.followSecret);
  return empty();
});
