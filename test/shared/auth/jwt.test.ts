import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { jwtCodec } from '../../../shared/auth/jwt.ts';
import { AppError } from '../../../shared/errors.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const accessClaims = z.object({ sub: z.string(), organization_id: z.string(), role: z.enum(['org_admin', 'agent']) });
const access = jwtCodec({
  key: { algorithm: 'HS256', secret: SECRET },
  claims: accessClaims,
  issuer: 'pytake',
  audience: 'pytake-api',
  expiresInSeconds: 900,
});
const claims = { sub: 'user-1', organization_id: 'org-1', role: 'agent' as const };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe('unauthenticated');
  return error as AppError;
}

const hs256 = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setIssuer('pytake').setAudience('pytake-api');

describe('jwtCodec HS256', () => {
  it('verifies its own tokens and returns the typed claims', async () => {
    const token = await access.sign(claims);
    expect(await access.verify(token)).toEqual(claims);
  });

  it('issues tokens that expire after the configured lifetime', async () => {
    const token = await access.sign(claims);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(900);
    expect(payload).toMatchObject({ iss: 'pytake', aud: 'pytake-api' });
  });

  it('rejects an expired token as token_expired', async () => {
    const expired = await hs256(claims)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 1000)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    expect((await rejection(access.verify(expired))).code).toBe('token_expired');
  });

  it('rejects a token signed with another secret as invalid_token', async () => {
    const forged = await hs256(claims).setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await rejection(access.verify(forged))).code).toBe('invalid_token');
  });

  it('rejects a token whose payload was altered as invalid_token', async () => {
    const [header, , signature] = (await access.sign(claims)).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, role: 'org_admin', exp: 9999999999 })).toString('base64url');
    expect((await rejection(access.verify(`${header}.${payload}.${signature}`))).code).toBe('invalid_token');
  });

  it('rejects a token for another issuer or audience', async () => {
    const key = new TextEncoder().encode(SECRET);
    const otherIssuer = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('kraliki')
      .setAudience('pytake-api')
      .setExpirationTime('5m')
      .sign(key);
    const otherAudience = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('pytake')
      .setAudience('refresh')
      .setExpirationTime('5m')
      .sign(key);
    expect((await rejection(access.verify(otherIssuer))).code).toBe('invalid_token');
    expect((await rejection(access.verify(otherAudience))).code).toBe('invalid_token');
  });

  it('rejects a token without an expiry when the codec issues expiring tokens', async () => {
    const eternal = await hs256(claims).sign(new TextEncoder().encode(SECRET));
    expect((await rejection(access.verify(eternal))).code).toBe('invalid_token');
  });

  it('rejects a validly signed token whose claims break the schema', async () => {
    const wrongRole = await hs256({ ...claims, role: 'super_admin' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await rejection(access.verify(wrongRole))).code).toBe('invalid_token');
  });

  it('rejects unsigned (alg none) tokens and garbage', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...claims, iss: 'pytake', aud: 'pytake-api', exp: 9999999999 })).toString('base64url');
    for (const token of [`${header}.${payload}.`, 'not-a-token', '']) expect((await rejection(access.verify(token))).code).toBe('invalid_token');
  });
});

describe('jwtCodec HS384 without expiry (PenhaS sessions)', () => {
  const sessions = jwtCodec({
    key: { algorithm: 'HS384', secret: SECRET },
    claims: z.object({ ses: z.string(), typ: z.literal('usr') }),
    codes: { invalid: 'expired_jwt' },
  });

  it('signs HS384 tokens without exp that verify', async () => {
    const token = await sessions.sign({ ses: 's-1', typ: 'usr' });
    expect(decodeProtectedHeader(token).alg).toBe('HS384');
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
    expect(await sessions.verify(token)).toEqual({ ses: 's-1', typ: 'usr' });
  });

  it('rejects an HS256 token made with the same secret (the algorithm is pinned)', async () => {
    const token = await new SignJWT({ ses: 's-1', typ: 'usr' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    expect((await rejection(sessions.verify(token))).code).toBe('expired_jwt');
  });
});

describe('jwtCodec RS256', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const schema = z.object({ sub: z.string() });
  const signer = jwtCodec({ key: { algorithm: 'RS256', privateKey }, claims: schema, expiresInSeconds: 60 });
  const verifier = jwtCodec({ key: { algorithm: 'RS256', publicKey }, claims: schema, expiresInSeconds: 60 });

  it('signs with the private key; a codec holding only the public key verifies', async () => {
    const token = await signer.sign({ sub: 'u' });
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
    expect(await verifier.verify(token)).toEqual({ sub: 'u' });
  });

  it('cannot sign with only the public key', async () => {
    await expect(verifier.sign({ sub: 'u' })).rejects.toThrow(/only verifies/);
  });

  it('rejects an HS256 token keyed with the public key PEM (algorithm confusion)', async () => {
    const token = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(publicKey));
    expect((await rejection(verifier.verify(token))).code).toBe('invalid_token');
  });
});
