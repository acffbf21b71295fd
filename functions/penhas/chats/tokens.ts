/**
 * The chats' signed tokens, as the original issued them: HS384 JWTs with the
 * session key. `chat_auth` names a private chat and the user it was given to
 * (`{iss: "U:C", id, u}`, two hours); page tokens carry where the next page
 * starts (`U:X` private messages, `S:X` support messages, `U:LS` chat list,
 * `U:NP` user search). A support chat's `chat_auth` is no JWT: `S` and the
 * first 4 characters of her CPF hash, so it has no "." and names only hers.
 */
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import type { UserRecord } from '../accounts/users.ts';
import { secrets } from '../resources.ts';

const claims = z.object({
  iss: z.string(),
  id: z.optional(z.string()),
  u: z.optional(z.number()),
  before: z.optional(z.string()),
  after: z.optional(z.string()),
  start: z.optional(z.string()),
});
type Claims = z.infer<typeof claims>;

const keyConfig = z.object({ SESSION_JWT_KEY: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<Claims>> | undefined;

function tokens(): Promise<JwtCodec<Claims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.session)).SESSION_JWT_KEY ?? loadConfig(keyConfig).SESSION_JWT_KEY;
    if (!secret) throw new Error('SESSION_JWT_KEY is not configured (the session secret on AWS, the environment locally)');
    return jwtCodec({ key: { algorithm: 'HS384', secret }, claims });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

/** The claims of a token of this issuer; undefined for anything else (forged, expired, another kind). */
async function claimsOf(token: string, issuer: string): Promise<Claims | undefined> {
  try {
    const decoded = await (await tokens()).verify(token);
    return decoded.iss === issuer ? decoded : undefined;
  } catch {
    return undefined;
  }
}

export const CHAT_AUTH_SECONDS = 7200;

export const signChatAuth = async (chatId: string, userId: number): Promise<string> =>
  (await tokens()).sign({ iss: 'U:C', id: chatId, u: userId }, { expiresInSeconds: CHAT_AUTH_SECONDS });

export async function chatAuthClaims(token: string): Promise<{ chatId: string; userId: number } | undefined> {
  const decoded = await claimsOf(token, 'U:C');
  return decoded?.id && decoded.u !== undefined ? { chatId: decoded.id, userId: decoded.u } : undefined;
}

export const supportChatAuth = (user: Pick<UserRecord, 'cpf_hash'>): string => `S${user.cpf_hash.slice(0, 4)}`;

/** A support `chat_auth` has no "."; a private chat's (a JWT) always has. */
export const isSupportChatAuth = (chatAuth: string): boolean => !chatAuth.includes('.');

export interface PageBound {
  before?: string;
  after?: string;
}

export const signPage = async (issuer: 'U:X' | 'S:X', bound: PageBound): Promise<string> => (await tokens()).sign({ iss: issuer, ...bound });

export async function pageOf(token: string, issuer: 'U:X' | 'S:X'): Promise<PageBound | undefined> {
  const decoded = await claimsOf(token, issuer);
  return decoded && { ...(decoded.before && { before: decoded.before }), ...(decoded.after && { after: decoded.after }) };
}

export const signStart = async (issuer: 'U:LS' | 'U:NP', start: string): Promise<string> => (await tokens()).sign({ iss: issuer, start });

export const startOf = async (token: string, issuer: 'U:LS' | 'U:NP'): Promise<string | undefined> => (await claimsOf(token, issuer))?.start;
