/**
 * PyTake's tokens. The access token is an HS256 JWT of 15 minutes with the
 * original's claims (`sub` the user, `organization_id`, `role`, `type:
 * "access"`, `exp`) and `sid`, its session; its key is `JWT_SECRET`, from the
 * `jwt` secret on AWS and the environment locally. The refresh token is opaque
 * and rotating (shared/auth/refresh-tokens.ts): 7 days, used up by each
 * refresh, a replay revokes its session, logout revokes it, and a revoked
 * session's access tokens are refused too (./access.ts).
 */
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { refreshTokens } from '#shared/auth/refresh-tokens';
import { loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

export const ROLES = ['super_admin', 'org_admin', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

const accessClaims = z.object({
  sub: z.string(),
  organization_id: z.string(),
  role: z.enum(ROLES),
  type: z.literal('access'),
  sid: z.string(),
});
export type AccessClaims = z.infer<typeof accessClaims>;

const keyConfig = z.object({ JWT_SECRET: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<AccessClaims>> | undefined;

/** The access token codec, built once per execution environment from the secret (AWS) or the environment (locally). */
export function accessTokens(): Promise<JwtCodec<AccessClaims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.jwt)).JWT_SECRET ?? loadConfig(keyConfig).JWT_SECRET;
    if (!secret) throw new Error('JWT_SECRET is not configured (the jwt secret on AWS, the environment locally)');
    return jwtCodec({
      key: { algorithm: 'HS256', secret },
      claims: accessClaims,
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      codes: { invalid: 'invalid_token', expired: 'token_expired' },
    });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

export const sessions = refreshTokens({ lifetimeSeconds: REFRESH_TOKEN_SECONDS });

/** Who a token stands for. */
export interface TokenSubject {
  userId: string;
  organizationId: string;
  role: Role;
  sessionId: string;
}

/** The token object every auth answer carries. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export const signAccessToken = async (subject: TokenSubject): Promise<string> =>
  (await accessTokens()).sign({ sub: subject.userId, organization_id: subject.organizationId, role: subject.role, type: 'access', sid: subject.sessionId });

export const tokenPair = (accessToken: string, refreshToken: string): TokenPair => ({
  access_token: accessToken,
  refresh_token: refreshToken,
  token_type: 'bearer',
  expires_in: ACCESS_TOKEN_SECONDS,
});

/** A new session (register, login): its first refresh token and an access token. */
export async function openSession(subject: Omit<TokenSubject, 'sessionId'>): Promise<TokenPair> {
  const session = await sessions.open({ userId: subject.userId, organizationId: subject.organizationId });
  return tokenPair(await signAccessToken({ ...subject, sessionId: session.sessionId }), session.token);
}
