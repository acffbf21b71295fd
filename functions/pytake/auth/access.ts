/**
 * PyTake's `jwt` authenticator: `Authorization: Bearer <access token>`. The
 * token is verified (HS256, expiry, claims), then its user is read from the
 * token's organization with its session's revocation marker, so a deactivated
 * or deleted user, or a logged-out session, is refused at once, not when the
 * token expires, and a changed role applies to the next request.
 * The caller's organization comes only from the verified token.
 *
 * Roles, as the original's dependencies checked them:
 *   - `super_admin`, `org_admin` (ADMINS): manage users, the organization, numbers, queues…;
 *   - `agent`: works conversations and contacts;
 *   - `viewer`: reads only (STAFF excludes it from every write).
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { bearerToken } from '#shared/auth/bearer';
import { AppError } from '#shared/errors';
import { insufficientRole, invalidCredentials, notAuthenticated } from '../errors.ts';
import { batchGet } from '#shared/db/batch';
import { orgKey, userKey } from '../keys.ts';
import type { UserRecord } from '../users/users.ts';
import { accessTokens, type Role, sessions } from './tokens.ts';

export interface TenantCaller {
  userId: string;
  /** The organization every object the request reaches belongs to. */
  organizationId: string;
  /** The user's role as stored now. */
  role: Role;
  /** The session the access token belongs to. */
  sessionId: string;
  /** The user as read for this request. */
  user: UserRecord;
}

export const ADMINS: readonly Role[] = ['super_admin', 'org_admin'];
/** Everyone who may change conversations, contacts and the like: all but viewers. */
export const STAFF: readonly Role[] = ['super_admin', 'org_admin', 'agent'];

/** The caller an access token stands for (also for WebSocket `$connect`); AppError('unauthenticated') otherwise. */
export async function callerOfToken(token: string): Promise<TenantCaller> {
  let claims: Awaited<ReturnType<Awaited<ReturnType<typeof accessTokens>>['verify']>>;
  try {
    claims = await (await accessTokens()).verify(token);
  } catch (error) {
    if (error instanceof AppError) throw invalidCredentials();
    throw error;
  }
  // The user, the session's revocation marker and the organization in one read: a logged-out or replayed session's
  // tokens, and a deactivated organization's users, stop at once.
  const [user, revoked, org] = await batchGet<Record<string, unknown>>([
    userKey(claims.organization_id, claims.sub),
    sessions.revokedKey(claims.sid),
    orgKey(claims.organization_id),
  ]);
  if (revoked || !isActiveUser(user) || org?.is_active === false) throw invalidCredentials();
  return { userId: user.id, organizationId: user.organization_id, role: user.role, sessionId: claims.sid, user };
}

const isActiveUser = (item: Record<string, unknown> | undefined): item is UserRecord => Boolean(item?.is_active) && !item?.deleted_at;

/** A user of an organization, from the bearer access token. */
export const tenantUser = defineAuthenticator<'jwt', TenantCaller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers }) => {
    const token = bearerToken({ headers });
    if (!token) throw notAuthenticated();
    return callerOfToken(token);
  },
});

/** Refuses (403) a caller whose role is not one of `roles`. */
export function requireRole(caller: TenantCaller, ...roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw insufficientRole(roles);
}

/** Organization administrators (and super admins). */
export const requireAdmin = (caller: TenantCaller): void => requireRole(caller, ...ADMINS);

/** Anyone but a viewer. */
export const requireStaff = (caller: TenantCaller): void => requireRole(caller, ...STAFF);
