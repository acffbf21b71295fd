/**
 * Kraliki's tokens.
 *
 * Access token: an HS256 JWT for 15 minutes, claims `{sub: user id,
 * organization_id, role, typ: "access", ver}`. `ver` is the user's
 * `token_version`: deactivating an account raises it, so tokens issued before
 * stop working even after a later reactivation. The key is `ACCESS_TOKEN_KEY`,
 * from the service's `auth` secret on AWS and the environment locally.
 *
 * Refresh token: opaque and rotating (shared/auth/refresh-tokens.ts), 7 days;
 * its subject is `{userId, organizationId, ver}`.
 */
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { refreshTokens as rotatingRefreshTokens } from '#shared/auth/refresh-tokens';
import { loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';
import { ROLES } from './roles.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

const accessClaims = z.object({
  sub: z.string(),
  organization_id: z.string(),
  role: z.enum(ROLES),
  typ: z.literal('access'),
  ver: z.number(),
});
export type AccessClaims = z.infer<typeof accessClaims>;

const keyConfig = z.object({ ACCESS_TOKEN_KEY: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<AccessClaims>> | undefined;

/** The codec, built once per execution environment from the secret (AWS) or the environment (locally). */
export function accessTokens(): Promise<JwtCodec<AccessClaims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.auth)).ACCESS_TOKEN_KEY ?? loadConfig(keyConfig).ACCESS_TOKEN_KEY;
    if (!secret) throw new Error('ACCESS_TOKEN_KEY is not configured (the auth secret on AWS, the environment locally)');
    return jwtCodec({
      key: { algorithm: 'HS256', secret },
      claims: accessClaims,
      issuer: 'kraliki',
      audience: 'kraliki',
      expiresInSeconds: ACCESS_TOKEN_SECONDS,
      codes: { expired: 'token_expired', invalid: 'invalid_token' },
    });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

export const refreshTokens = rotatingRefreshTokens({ lifetimeSeconds: REFRESH_TOKEN_SECONDS });

/** What a refresh token stands for. */
export interface RefreshSubject {
  userId: string;
  organizationId: string;
  ver: number;
}
