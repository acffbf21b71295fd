/** POST /report-profile: reports another user's profile. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { reportProfileRoute } from './profile-actions.route.ts';
import { reportProfile } from './profile-actions.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(reportProfileRoute, activeAccount, async ({ body, caller }) => {
  await reportProfile(caller.user, Number(body.cliente_id), body.reason);
  return json({ message: 'Sua denúncia foi recebida com sucesso.' });
});
