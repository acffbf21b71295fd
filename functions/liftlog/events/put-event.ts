/** PUT /event: publishes (or re-publishes) one of the caller's encrypted feed events. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { password } from '../users/authenticate.ts';
import { publishEvent } from './events.ts';
import { putEventRoute } from './put-event.route.ts';

export const handler = httpRoute(putEventRoute, password('userId'), async ({ body }) => {
  await publishEvent(body);
  return empty();
});
