/**
 * Admin accounts: PenhaS's staff, apart from app users (their own items, their
 * own key, their own token). The original kept them in Directus and let in only
 * active accounts of allowed roles; here an admin is `active` or not, and only
 * active ones sign in or keep using a token. The first admin comes from
 * settings through the seed (first-admin.ts); there is no open route that
 * creates one.
 *
 * Tokens are HS384 JWTs `{sub, sid, typ: "adm"}` under `ADMIN_JWT_KEY` (the
 * `admin` secret on AWS, the environment locally), valid 12 hours: a key app
 * session tokens are never signed with, so neither kind opens the other's
 * routes. Each names a session item that logout deletes, so a token ends at
 * once when its admin signs out.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { jwtCodec, type JwtCodec } from '#shared/auth/jwt';
import { decoyHash, hashPassword, verifyPassword } from '#shared/auth/scrypt';
import { loadConfig } from '#shared/config';
import { batchGet } from '#shared/db/batch';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { expiresAt, isLive } from '#shared/db/ttl';
import { readSecretJson } from '#shared/secrets';
import { badRequest } from '../errors.ts';
import { adminEmailKey, adminKey, adminSessionKey } from '../keys.ts';
import { secrets } from '../resources.ts';

export interface AdminRecord {
  pk: string;
  sk: string;
  id: string;
  email: string;
  name: string;
  status: 'active' | 'inactive';
  password_hash: string;
  created_at: string;
}

export const TOKEN_SECONDS = 12 * 60 * 60;

const adminClaims = z.object({ sub: z.string(), sid: z.string(), typ: z.literal('adm') });
export type AdminClaims = z.infer<typeof adminClaims>;

const keyConfig = z.object({ ADMIN_JWT_KEY: z.optional(z.string().check(z.minLength(32))) });

let codec: Promise<JwtCodec<AdminClaims>> | undefined;

/** The admin token codec, built once per execution environment. */
export function adminTokens(): Promise<JwtCodec<AdminClaims>> {
  codec ??= (async () => {
    const secret = (await readSecretJson(secrets.admin)).ADMIN_JWT_KEY ?? loadConfig(keyConfig).ADMIN_JWT_KEY;
    if (!secret) throw new Error('ADMIN_JWT_KEY is not configured (the admin secret on AWS, the environment locally)');
    return jwtCodec({
      key: { algorithm: 'HS384', secret },
      claims: adminClaims,
      issuer: 'penhas-admin',
      expiresInSeconds: TOKEN_SECONDS,
      codes: { invalid: 'invalid_admin_token', expired: 'expired_admin_token' },
    });
  })().catch((error) => {
    codec = undefined;
    throw error;
  });
  return codec;
}

export const findAdmin = (adminId: string): Promise<AdminRecord | undefined> => table.get<AdminRecord>(adminKey(adminId));

/** Creates an active admin; `admin_exists` when the e-mail is taken. */
export async function createAdmin(input: { email: string; password: string; name: string }, now = new Date()): Promise<AdminRecord> {
  const id = randomUUID();
  const email = input.email.trim().toLowerCase();
  const admin: AdminRecord = {
    ...adminKey(id),
    id,
    email,
    name: input.name,
    status: 'active',
    password_hash: await hashPassword(input.password),
    created_at: now.toISOString(),
  };
  await transact([
    { Put: { Item: { ...adminEmailKey(email), adminId: id }, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'admin_exists' },
    { Put: { Item: admin } },
  ]);
  return admin;
}

const wrongPassword = () => badRequest('wrongpassword', 'E-mail ou senha inválido, ou não você está sem permissão para logar.', 'password');

/** The active admin with this e-mail and password; the original's `wrongpassword` otherwise (an unknown e-mail costs a hash too). */
export async function verifyAdminLogin(email: string, password: string): Promise<AdminRecord> {
  const sentinel = await table.get<{ adminId: string }>(adminEmailKey(email));
  const admin = sentinel ? await findAdmin(sentinel.adminId) : undefined;
  const matches = await verifyPassword(password, admin?.password_hash ?? (await decoyHash()));
  if (!admin || !matches || admin.status !== 'active') throw wrongPassword();
  return admin;
}

/** Opens a session for the admin (expiring with its token) and answers the token. */
export async function issueAdminToken(admin: AdminRecord, now = new Date()): Promise<string> {
  const sid = randomUUID();
  await table.put({ ...adminSessionKey(sid), adminId: admin.id, created_at: now.toISOString(), expiresAt: expiresAt(TOKEN_SECONDS, now) });
  return (await adminTokens()).sign({ sub: admin.id, sid, typ: 'adm' });
}

/** The admin of a verified token, when the admin is active and the token's session is live. */
export async function adminOfSession(claims: AdminClaims): Promise<AdminRecord | undefined> {
  const [admin, session] = await batchGet<Record<string, unknown>>([adminKey(claims.sub), adminSessionKey(claims.sid)], { consistentRead: true });
  if (!session || session.adminId !== claims.sub || !isLive(session)) return undefined;
  return admin as AdminRecord | undefined;
}

export const endAdminSession = (sessionId: string): Promise<boolean> => table.delete(adminSessionKey(sessionId));
