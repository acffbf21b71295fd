/** DELETE /me: the account is deleted in 30 days; every session ends now. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { noticeDeletionScheduled } from './deletion-emails.ts';
import { scheduleDeletion } from './deletion.ts';
import { deleteMeRoute } from './me-delete.route.ts';
import { checkCurrentPassword } from './me-update.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(deleteMeRoute, activeAccount, async ({ body, caller, event }) => {
  await checkCurrentPassword(caller.user, body.senha_atual);
  const context = { appVersion: body.app_version, ip: event.requestContext.http.sourceIp };
  await scheduleDeletion(caller.user, context);
  await noticeDeletionScheduled(caller.user, context);
  return empty(204);
});
