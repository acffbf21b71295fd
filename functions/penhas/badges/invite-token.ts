/**
 * The link of a Círculo PenhaS invitation: the original's JWT `{iss: "BdgInv",
 * bid, uid, inv, exp}` (badge, woman, invitation; 400 days) under the session
 * key, so links it e-mailed keep working. An expired link still names its
 * invitation (its signature checked first), for the page to cancel it.
 */
import { decodeJwt } from 'jose';
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { loadConfig } from '#shared/config';
import { AppError } from '#shared/errors';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const VALID_SECONDS = 400 * 24 * 60 * 60;

const inviteClaims = z.object({ iss: z.string(), bid: z.number(), uid: z.number(), inv: z.number() });
type InviteClaims = z.infer<typeof inviteClaims>;

const keyConfig = z.object({ SESSION_JWT_KEY: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<InviteClaims>> | undefined;

function inviteTokens(): Promise<JwtCodec<InviteClaims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.session)).SESSION_JWT_KEY ?? loadConfig(keyConfig).SESSION_JWT_KEY;
    if (!secret) throw new Error('SESSION_JWT_KEY is not configured (the session secret on AWS, the environment locally)');
    // The original signed these with HS256 (its HS384 was for its own `iss: "P"` tokens).
    return jwtCodec({
      key: { algorithm: 'HS256', secret },
      claims: inviteClaims,
      expiresInSeconds: VALID_SECONDS,
      codes: { invalid: 'invalid_token', expired: 'expired_token' },
    });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

export const badgeInviteToken = async (ids: { bid: number; uid: number; inv: number }): Promise<string> =>
  (await inviteTokens()).sign({ iss: 'BdgInv', ...ids });

export type InviteTokenCheck =
  | { status: 'ok'; claims: InviteClaims }
  | { status: 'expired_token'; claims?: InviteClaims }
  | { status: 'invalid_token' | 'invalid_issuer' | 'invalid_payload' };

export async function checkInviteToken(token: string): Promise<InviteTokenCheck> {
  try {
    const claims = await (await inviteTokens()).verify(token);
    return claims.iss === 'BdgInv' ? { status: 'ok', claims } : { status: 'invalid_issuer' };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code !== 'expired_token') return { status: 'invalid_token' };
    const parsed = z.safeParse(inviteClaims, decodeJwt(token));
    return { status: 'expired_token', claims: parsed.success ? parsed.data : undefined };
  }
}
