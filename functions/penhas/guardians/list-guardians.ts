/** GET /me/guardioes: her guardians by group, and the invites she has left. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { listGuardiansRoute } from './guardians.route.ts';
import { listGuardians } from './guardians.ts';

export const handler = httpRoute(listGuardiansRoute, activeAccount, async ({ caller }) => json(await listGuardians(caller.userId)));
