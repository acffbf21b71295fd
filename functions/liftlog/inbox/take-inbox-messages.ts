/** POST /inbox: the caller's inbox messages, deleted as they are returned (read-once). */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { authenticate } from '../users/authenticate.ts';
import { guid, jsonObject, nonBlank } from '../wire.ts';
import { takeMessages } from './inbox.ts';

const body = jsonObject({ userId: guid(), password: nonBlank(40) });

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  await authenticate(body.userId, body.password);
  return json({ inboxMessages: await takeMessages(body.userId) });
});
