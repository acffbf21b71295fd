/**
 * The admin routes' authenticator (`jwt` kind): an admin token in
 * `Authorization: Bearer`, whose admin is still active. An app session token
 * (another key) fails verification, so app users never reach these routes.
 *
 * Failures: no token → 401 `missing_jwt`; a token that does not verify → 401
 * `invalid_admin_token` (`expired_admin_token` once its 12 hours are over);
 * an admin no longer active, or a token whose session ended (logout) → 403
 * `permission_denied`.
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { bearerToken } from '#shared/auth/bearer';
import { unauthenticated } from '#shared/errors';
import { permissionDenied } from '../errors.ts';
import { adminOfSession, adminTokens } from './admins.ts';

export interface AdminCaller {
  adminId: string;
  email: string;
  name: string;
  /** The session the token names; absent for an admin not signed in through a token (the audit of a sign-in). */
  sessionId?: string;
}

export const admin = defineAuthenticator<'jwt', AdminCaller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers }) => {
    const token = bearerToken({ headers });
    if (!token) throw unauthenticated('missing_jwt', 'Not Authenticated');
    const claims = await (await adminTokens()).verify(token);
    const record = await adminOfSession(claims);
    if (record?.status !== 'active') throw permissionDenied();
    return { adminId: record.id, email: record.email, name: record.name, sessionId: claims.sid };
  },
});
