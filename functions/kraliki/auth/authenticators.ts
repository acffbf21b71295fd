/**
 * Kraliki's `jwt` authenticators: `Authorization: Bearer <access token>`. The
 * token names the user and her organization; the user is then read (one
 * GetItem in her organization's partition), so a deactivated account is refused
 * at once (403 `account_inactive`), and the role a handler sees is the one
 * stored now, not the one the token was issued with.
 *
 * Three flavours, the reference's dependencies: `member` (`get_current_user`),
 * `supervisor` (`require_supervisor`: SUPERVISOR or ADMIN), `admin`
 * (`require_admin`). A route picks one in its handler: `httpRoute(route, supervisor, fn)`.
 * Routes whose rule depends on the object (an agent changing her own status) take
 * `member` and check with the helpers of roles.ts.
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { bearerToken } from '#shared/auth/bearer';
import { unauthenticated } from '#shared/errors';
import { accountInactive } from '../errors.ts';
import { findUser } from '../users/users.ts';
import { type Caller, requireAdmin, requireSupervisor } from './roles.ts';
import { accessTokens } from './tokens.ts';

async function verify(headers: Record<string, string | undefined>): Promise<Caller> {
  const token = bearerToken({ headers });
  if (!token) throw unauthenticated('not_authenticated', 'Not authenticated');
  return callerOfAccessToken(token);
}

/**
 * The caller an access token stands for, checked as every `jwt` route checks it: for
 * credentials that do not travel in `Authorization` (a WebSocket `$connect`'s query string).
 */
export async function callerOfAccessToken(token: string): Promise<Caller> {
  const claims = await (await accessTokens()).verify(token);
  const user = await findUser(claims.organization_id, claims.sub);
  if (!user || user.token_version !== claims.ver) throw unauthenticated('invalid_token', 'Invalid or expired token');
  if (user.status !== 'ACTIVE') throw accountInactive();
  return { userId: user.id, organizationId: user.organization_id, role: user.role };
}

/** Any active user of any role. */
export const member = defineAuthenticator<'jwt', Caller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: ({ headers }) => verify(headers),
});

/** A SUPERVISOR or an ADMIN. */
export const supervisor = defineAuthenticator<'jwt', Caller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers }) => {
    const caller = await verify(headers);
    requireSupervisor(caller);
    return caller;
  },
});

/** An ADMIN. */
export const admin = defineAuthenticator<'jwt', Caller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers }) => {
    const caller = await verify(headers);
    requireAdmin(caller);
    return caller;
  },
});
