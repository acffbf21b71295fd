/** DELETE /me: the account is deleted in 30 days; every session ends now. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { scheduleDeletion } from './deletion.ts';
import { deleteMeRoute } from './me-delete.route.ts';
import { checkCurrentPassword } from './me-update.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(deleteMeRoute, activeAccount, async ({ body, caller, event }) => {
  await checkCurrentPassword(caller.user, body.senha_atual);
  await scheduleDeletion(caller.user, { appVersion: body.app_version, ip: event.requestContext.http.sourceIp });
  return empty(204);
});
