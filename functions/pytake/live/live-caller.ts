/**
 * The `$connect` credential: the access token, as `Authorization: Bearer` or,
 * for browsers (whose WebSocket cannot set headers), `?token=` as in the
 * original (`/api/v1/ws?token=JWT`). Verified exactly as every route verifies
 * it (auth/access.ts): a refresh token, an expired or revoked one, or a
 * deactivated user is refused before the upgrade.
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { bearerToken } from '#shared/auth/bearer';
import { callerOfToken, type TenantCaller } from '../auth/access.ts';
import { notAuthenticated } from '../errors.ts';

export const liveCaller = defineAuthenticator<'jwt', TenantCaller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers, query }) => {
    const token = bearerToken({ headers, queryStringParameters: query }, { queryParameter: 'token' });
    if (!token) throw notAuthenticated();
    return callerOfToken(token);
  },
});
