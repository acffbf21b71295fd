/** POST /me/guardioes/alert: the panic button. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { alertGuardians } from './alerts.ts';
import { alertGuardiansRoute } from './guardians.route.ts';

export const handler = httpRoute(alertGuardiansRoute, activeAccount, async ({ body, caller, event }) =>
  json(await alertGuardians({ user: caller.user, params: body, ip: event.requestContext.http.sourceIp })),
);
