/**
 * The signed tokens of the support-point routes, as the original issued them
 * (HS384 JWTs with the session key, no expiry): a location token `{iss: "LT",
 * latlng: "<lat>,<lng>"}` from the geocoder, which a search takes in place of
 * a position the client never sees, and the next page `{iss: "PA:NP", offset}`.
 */
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const claims = z.object({ iss: z.string(), latlng: z.optional(z.string()), offset: z.optional(z.number()) });
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

async function claimsOf(token: string, issuer: string): Promise<Claims | undefined> {
  try {
    const decoded = await (await tokens()).verify(token);
    return decoded.iss === issuer ? decoded : undefined;
  } catch {
    return undefined;
  }
}

export const locationToken = async (latlng: string): Promise<string> => (await tokens()).sign({ iss: 'LT', latlng });

/** The `"lat,lng"` a location token carries, or undefined for anything else. */
export const locationOf = async (token: string): Promise<string | undefined> => (await claimsOf(token, 'LT'))?.latlng;

export const nextPageToken = async (offset: number): Promise<string> => (await tokens()).sign({ iss: 'PA:NP', offset });

export const offsetOf = async (token: string): Promise<number | undefined> => {
  const offset = (await claimsOf(token, 'PA:NP'))?.offset;
  return offset !== undefined && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
};
