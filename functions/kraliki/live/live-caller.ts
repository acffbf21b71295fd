/**
 * The `$connect` credential: the access token, as `Authorization: Bearer` or,
 * for browsers (whose WebSocket cannot set headers), `?token=`. Verified as
 * every `jwt` route verifies it (auth/authenticators.ts): a refresh token, an
 * expired or superseded one, or a deactivated account is refused before the
 * upgrade.
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { bearerToken } from '#shared/auth/bearer';
import { unauthenticated } from '#shared/errors';
import { callerOfAccessToken } from '../auth/authenticators.ts';
import type { Caller } from '../auth/roles.ts';

export const liveCaller = defineAuthenticator<'jwt', Caller>({
  kind: 'jwt',
  reads: 'request',
  authenticate: async ({ headers, query }) => {
    const token = bearerToken({ headers, queryStringParameters: query }, { queryParameter: 'token' });
    if (!token) throw unauthenticated('not_authenticated', 'Not authenticated');
    return callerOfAccessToken(token);
  },
});
