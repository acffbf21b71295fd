/**
 * PenhaS's `api-key` authenticators: the session token in `X-Api-Key`, or in
 * the `api_key` query parameter, which wins (as in the original). Two flavours,
 * as the original's route tree has two levels:
 *   - `session`: any account with a live session (`/logout`, `/reactivate`, `/filter-tags`…);
 *   - `activeAccount`: also requires the account to be active (every `/me…` route and
 *     the profile actions), else 404 `Page not found`.
 * Both count the request against the user's 120 requests a minute.
 *
 * Failures, as the app knows them: no token → 401 `missing_jwt`; a token that does
 * not decode → 400 `expired_jwt`; a token whose session is gone → 403 `jwt_logout`.
 */
import { defineAuthenticator, headerOf } from '#shared/auth/authenticator';
import { countRequest } from '#shared/db/counters';
import { AppError, forbidden, unauthenticated } from '#shared/errors';
import { pageNotFound, tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { sessionTokens, sessionUser } from './sessions.ts';
import { isActive, type UserRecord } from './users.ts';

export interface SessionCaller {
  userId: number;
  sessionId: string;
  /** The account as read for this request; undefined only if it vanished under a live session. */
  user: UserRecord;
}

const REQUESTS_PER_MINUTE = 120;

async function verifySession(headers: Record<string, string | undefined>, query: Record<string, string | undefined>): Promise<SessionCaller> {
  const token = query.api_key || headerOf(headers, 'x-api-key');
  if (!token) throw unauthenticated('missing_jwt', 'Not Authenticated');
  let claims: Awaited<ReturnType<Awaited<ReturnType<typeof sessionTokens>>['verify']>>;
  try {
    claims = await (await sessionTokens()).verify(token);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('invalid', 'expired_jwt', 'Bad request - Invalid JWT');
    throw error;
  }
  if (claims.typ !== 'usr') throw unauthenticated('missing_jwt', 'Not Authenticated');
  // With the user id in the token the request is counted while the session is read.
  const counted = claims.uid === undefined ? undefined : countUserRequest(claims.uid);
  const found = await sessionUser(claims);
  if (!found?.user) {
    await counted?.catch(() => undefined);
    throw forbidden('jwt_logout', 'Está sessão não está mais válida (Usuário saiu)');
  }
  await (counted ?? countUserRequest(found.userId));
  return { userId: found.userId, sessionId: claims.ses, user: found.user };
}

const countUserRequest = (userId: number) =>
  countRequest({
    limit: REQUESTS_PER_MINUTE,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('user', String(userId), windowStart),
    refuse: tooManyRequests,
  });

/** Any account with a live session. */
export const session = defineAuthenticator<'api-key', SessionCaller>({
  kind: 'api-key',
  reads: 'request',
  authenticate: ({ headers, query }) => verifySession(headers, query),
});

/** An active account with a live session (`/me…`). */
export const activeAccount = defineAuthenticator<'api-key', SessionCaller>({
  kind: 'api-key',
  reads: 'request',
  authenticate: async ({ headers, query }) => {
    const caller = await verifySession(headers, query);
    if (!isActive(caller.user)) throw pageNotFound();
    return caller;
  },
});
