/** POST /me/guardioes: invites a guardian; a new invite's SMS goes to the `sms` queue. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { inviteGuardianRoute } from './guardians.route.ts';
import { inviteGuardian, withdrawInvite } from './guardians.ts';
import { inviteLinkBase } from './invite-link.ts';
import { inviteSmsText } from './sms-texts.ts';
import { enqueueOneSms, inviteSmsKey } from './sms-jobs.ts';

export const handler = httpRoute(inviteGuardianRoute, activeAccount, async ({ body, caller }) => {
  const { created, ...answer } = await inviteGuardian(caller.user, body.nome, body.celular);
  if (created) {
    const sms = {
      userId: caller.userId,
      to: created.celular_e164,
      text: inviteSmsText(caller.user.nome_completo, inviteLinkBase(), created.token),
      key: inviteSmsKey(created.id),
      kind: 'invite' as const,
    };
    // An invite whose SMS cannot be queued is withdrawn, so trying again invites afresh.
    await enqueueOneSms(sms).catch(async (error) => {
      await withdrawInvite(created).catch(() => undefined);
      throw error;
    });
  }
  return json(answer);
});
