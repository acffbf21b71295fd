/**
 * Signed tokens (jose). A service creates one codec per token kind at module
 * scope (`accessTokens`, `refreshTokens`), naming its algorithm, key, issuer,
 * audience, lifetime and the zod shape of its claims. Verification pins the
 * algorithm (no `alg` confusion) and fails with AppError('unauthenticated'),
 * telling an expired token apart from any other bad one.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import * as z from 'zod/mini';
import { unauthenticated } from '../errors.ts';

export type JwtKey =
  | { algorithm: 'HS256' | 'HS384'; secret: string | Uint8Array }
  /** PEM strings or key objects; a verify-only codec needs just the public key. */
  | { algorithm: 'RS256'; privateKey?: string | KeyObject; publicKey?: string | KeyObject };

export interface JwtOptions<C> {
  key: JwtKey;
  /** The claims a valid token carries (including `sub`, `jti`, … when the service uses them). */
  claims: z.core.$ZodType<C>;
  issuer?: string;
  audience?: string;
  /** Lifetime of issued tokens. Without it tokens carry no `exp` and never expire. */
  expiresInSeconds?: number;
  /** Allowed clock skew when checking `exp`/`nbf`. Default 5 s. */
  clockToleranceSeconds?: number;
  /** Codes of the unauthenticated errors. Default `token_expired` and `invalid_token`. */
  codes?: { expired?: string; invalid?: string };
}

export interface JwtCodec<C> {
  sign(claims: C, options?: { expiresInSeconds?: number }): Promise<string>;
  /** The token's claims, parsed with the codec's schema; AppError('unauthenticated') otherwise. */
  verify(token: string): Promise<C>;
}

interface Keys {
  signing?: Uint8Array | KeyObject;
  verifying: Uint8Array | KeyObject;
}

function keysOf(key: JwtKey): Keys {
  if (key.algorithm === 'RS256') {
    const signing = typeof key.privateKey === 'string' ? createPrivateKey(key.privateKey) : key.privateKey;
    const publicKey = typeof key.publicKey === 'string' ? createPublicKey(key.publicKey) : key.publicKey;
    const verifying = publicKey ?? (signing && createPublicKey(signing));
    if (!verifying) throw new Error('RS256 needs a private or a public key');
    return { signing, verifying };
  }
  const secret = typeof key.secret === 'string' ? new TextEncoder().encode(key.secret) : key.secret;
  if (secret.length === 0) throw new Error(`${key.algorithm} needs a non-empty secret`);
  return { signing: secret, verifying: secret };
}

export function jwtCodec<C>(options: JwtOptions<C>): JwtCodec<C> {
  const keys = keysOf(options.key);
  const algorithm = options.key.algorithm;
  const expiredCode = options.codes?.expired ?? 'token_expired';
  const invalidCode = options.codes?.invalid ?? 'invalid_token';

  return {
    async sign(claims, signOptions = {}) {
      if (!keys.signing) throw new Error('this codec only verifies: it has no private key');
      const jwt = new SignJWT(claims as Record<string, unknown>).setProtectedHeader({ alg: algorithm, typ: 'JWT' }).setIssuedAt();
      if (options.issuer) jwt.setIssuer(options.issuer);
      if (options.audience) jwt.setAudience(options.audience);
      const lifetime = signOptions.expiresInSeconds ?? options.expiresInSeconds;
      if (lifetime !== undefined) jwt.setExpirationTime(`${lifetime}s`);
      return jwt.sign(keys.signing);
    },

    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys.verifying, {
          algorithms: [algorithm],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          // A codec that issues expiring tokens accepts no token without an expiry.
          requiredClaims: options.expiresInSeconds !== undefined ? ['exp'] : [],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw unauthenticated(expiredCode, 'token expired');
        if (error instanceof errors.JOSEError) throw unauthenticated(invalidCode, 'invalid token');
        throw error;
      }
      const parsed = z.safeParse(options.claims, payload);
      if (!parsed.success) throw unauthenticated(invalidCode, 'invalid token');
      return parsed.data;
    },
  };
}
