/** POST /reactivate: an account scheduled for deletion is active again. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { reactivate } from './deletion.ts';
import { reactivateRoute } from './reactivate.route.ts';
import { session } from './session-auth.ts';

export const handler = httpRoute(reactivateRoute, session, async ({ body, caller, event }) => {
  await reactivate(caller.userId, { appVersion: body.app_version, ip: event.requestContext.http.sourceIp });
  return empty(204);
});
