/** POST /reactivate: an account scheduled for deletion is active again. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { noticeReactivated } from './deletion-emails.ts';
import { reactivate } from './deletion.ts';
import { reactivateRoute } from './reactivate.route.ts';
import { session } from './session-auth.ts';

export const handler = httpRoute(reactivateRoute, session, async ({ body, caller, event }) => {
  const context = { appVersion: body.app_version, ip: event.requestContext.http.sourceIp };
  await noticeReactivated(await reactivate(caller.userId, context), context);
  return empty(204);
});
