/** POST /user/delete: deletes the caller's account now and everything it owns soon after. */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { guid, jsonObject, nonBlank } from '../wire.ts';
import { authenticate } from './authenticate.ts';
import { deleteAccount } from './erasure.ts';

const body = jsonObject({ id: guid(), password: nonBlank(40) });

export const handler = httpRoute({ errors: liftlogErrors, body }, async ({ body }) => {
  await deleteAccount(await authenticate(body.id, body.password));
  return empty();
});
