/**
 * Sessions. A session token is an HS384 JWT `{ses, typ:"usr"}` without expiry
 * (the app keeps it until it logs out); it is valid exactly while its session
 * item exists, so logout and account deletion revoke it at once.
 *
 * The key is `SESSION_JWT_KEY`, from the environment locally and from the
 * service's `session` secret on AWS.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { loadConfig } from '#shared/config';
import { batchGet } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { readSecretJson } from '#shared/secrets';
import { USER_SESSION_PREFIX, ownerPartition, sessionKey, userKey, userSessionKey } from '../keys.ts';
import { secrets } from '../resources.ts';
import type { UserRecord } from './users.ts';

/**
 * `uid` is this service's addition: with it the session and its user are read in one BatchGetItem.
 * Tokens without it (issued by the original) still work, at one more read.
 */
const sessionClaims = z.object({ ses: z.string(), typ: z.string(), uid: z.optional(z.number()) });
export type SessionClaims = z.infer<typeof sessionClaims>;

const keyConfig = z.object({ SESSION_JWT_KEY: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<SessionClaims>> | undefined;

/** The codec, built once per execution environment from the secret (AWS) or the environment (locally). */
export function sessionTokens(): Promise<JwtCodec<SessionClaims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.session)).SESSION_JWT_KEY ?? loadConfig(keyConfig).SESSION_JWT_KEY;
    if (!secret) throw new Error('SESSION_JWT_KEY is not configured (the session secret on AWS, the environment locally)');
    return jwtCodec({ key: { algorithm: 'HS384', secret }, claims: sessionClaims, codes: { invalid: 'expired_jwt', expired: 'expired_jwt' } });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

interface SessionItem {
  userId: number;
  createdAt: string;
}

/** Opens a session for the user and answers its token. */
export async function openSession(userId: number, now = new Date()): Promise<{ sessionId: string; token: string }> {
  const sessionId = randomUUID();
  await Promise.all([
    table.put({ ...sessionKey(sessionId), userId, createdAt: now.toISOString() }),
    table.put({ ...userSessionKey(userId, sessionId), sessionId, createdAt: now.toISOString() }),
  ]);
  return { sessionId, token: await (await sessionTokens()).sign({ ses: sessionId, typ: 'usr', uid: userId }) };
}

/** The session's user (undefined when the account is gone); undefined when the session is gone. */
export async function sessionUser(claims: SessionClaims): Promise<{ userId: number; user?: UserRecord } | undefined> {
  if (claims.uid !== undefined) {
    const [session, user] = await batchGet<Record<string, unknown>>([sessionKey(claims.ses), userKey(claims.uid)]);
    if (!session || session.userId !== claims.uid) return undefined;
    return { userId: claims.uid, user: user as UserRecord | undefined };
  }
  const session = await table.get<SessionItem>(sessionKey(claims.ses));
  if (!session) return undefined;
  return { userId: session.userId, user: await table.get<UserRecord>(userKey(session.userId)) };
}

/** Ends one session (logout). */
export async function closeSession(userId: number, sessionId: string): Promise<void> {
  await Promise.all([table.delete(sessionKey(sessionId)), table.delete(userSessionKey(userId, sessionId))]);
}

/** Ends every session of the user, but `keep` (login ends the others; deletion ends all). */
export async function closeAllSessions(userId: number, keep?: string): Promise<void> {
  const listed = await queryAll<{ sessionId: string }>(keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: USER_SESSION_PREFIX } }));
  await Promise.all(listed.filter(({ sessionId }) => sessionId !== keep).map(({ sessionId }) => closeSession(userId, sessionId)));
}
