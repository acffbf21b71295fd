/**
 * Registration, login and token refresh. Registration writes the organization,
 * its first user (org_admin) and the e-mail's sentinel in one transaction, so
 * an e-mail belongs to one user and no half-registered organization remains.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { claimUnique, transact } from '#shared/db/transactions';
import { AppError, unauthenticated } from '#shared/errors';
import { alreadyExists, refused } from '../errors.ts';
import { emailKey, type ItemKey, normalizeEmail, orgKey, organizationIndexKeys, userKey } from '../keys.ts';
import { FREE_PLAN_LIMITS, type OrgRecord, slugOf } from '../organizations/organizations.ts';
import { findUser, type UserRecord } from '../users/users.ts';
import { checkAccountNotLocked, recordFailure } from './login-limits.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { openSession, sessions, signAccessToken, type TokenPair, tokenPair } from './tokens.ts';

const TRIAL_DAYS = 14;

export interface Registration {
  email: string;
  password: string;
  full_name: string;
  organization_name: string;
}

/** A new user record; the caller writes it (with the e-mail's sentinel). */
export async function newUserRecord(
  orgId: string,
  fields: { email: string; password: string; full_name: string; role: UserRecord['role'] } & Partial<UserRecord>,
  now = new Date(),
): Promise<UserRecord> {
  const { password, ...rest } = fields;
  const id = randomUUID();
  return {
    phone_number: null,
    avatar_url: null,
    bio: null,
    email_verified: false,
    is_active: true,
    is_online: false,
    last_seen_at: null,
    last_login_at: null,
    agent_status: null,
    agent_greeting_message: null,
    department_ids: [],
    ...rest,
    ...userKey(orgId, id),
    id,
    organization_id: orgId,
    email: normalizeEmail(fields.email),
    password_hash: await hashPassword(password),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
}

/** The e-mail's sentinel, claimed for `owner` in the transaction that writes it. */
export const claimEmail = (email: string, owner: ItemKey) => claimUnique({ key: emailKey(email), conflictCode: 'email_already_registered' }, owner);

/** Turns a taken e-mail into the original's answer. */
export function emailTaken(error: unknown): never {
  if (error instanceof AppError && error.code === 'email_already_registered') throw alreadyExists('email_already_registered', 'Email already registered');
  throw error;
}

export async function register(input: Registration, now = new Date()): Promise<{ user: UserRecord; token: TokenPair }> {
  const orgId = randomUUID();
  const org: OrgRecord = {
    ...orgKey(orgId),
    // Listed for super admins (GET /organizations).
    ...organizationIndexKeys(now.toISOString(), orgId),
    id: orgId,
    name: input.organization_name,
    slug: slugOf(input.organization_name),
    description: null,
    website: null,
    logo_url: null,
    is_active: true,
    plan_type: 'free',
    plan_limits: FREE_PLAN_LIMITS,
    plan_usage: {},
    is_trial: true,
    trial_ends_at: new Date(now.getTime() + TRIAL_DAYS * 86_400_000).toISOString(),
    subscription_starts_at: null,
    subscription_ends_at: null,
    settings: {},
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  const user = await newUserRecord(orgId, { email: input.email, password: input.password, full_name: input.full_name, role: 'org_admin' }, now);
  const absent = { ConditionExpression: 'attribute_not_exists(pk)' };
  await transact([{ Put: { Item: org, ...absent } }, { Put: { Item: user, ...absent } }, claimEmail(user.email, userKey(orgId, user.id))]).catch(emailTaken);
  const token = await openSession({ userId: user.id, organizationId: orgId, role: user.role });
  return { user, token };
}

const wrongCredentials = () => unauthenticated('incorrect_credentials', 'Incorrect email or password');

/** The user an e-mail names, if any. */
export async function userByEmail(email: string): Promise<UserRecord | undefined> {
  const sentinel = await table.get<{ owner: ItemKey }>(emailKey(email));
  if (!sentinel) return undefined;
  const user = await table.get<UserRecord>(sentinel.owner);
  return user && !user.deleted_at ? user : undefined;
}

export async function login(email: string, password: string, now = new Date()): Promise<{ user: UserRecord; token: TokenPair }> {
  await checkAccountNotLocked(email);
  const user = await userByEmail(email);
  // An unknown e-mail costs a hash check too, so timing does not tell which e-mails exist.
  const matches = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!user || !matches) {
    await recordFailure(email);
    throw wrongCredentials();
  }
  if (!user.is_active) throw refused('account_not_active', 'Account is not active');
  const loggedIn = (await table.update<UserRecord>(userKey(user.organization_id, user.id), 'SET last_login_at = :now', {
    values: { ':now': now.toISOString() },
    returning: 'new',
  })) as UserRecord;
  const token = await openSession({ userId: user.id, organizationId: user.organization_id, role: user.role });
  return { user: loggedIn, token };
}

const invalidRefresh = () => unauthenticated('invalid_refresh_token', 'Invalid refresh token');

/** Uses the refresh token up and answers the next pair; the user must still be active (its current role goes in the access token). */
export async function refresh(refreshToken: string): Promise<TokenPair> {
  let user: UserRecord | undefined;
  try {
    const rotated = await sessions.rotate(refreshToken, async (subject) => {
      user = await findUser(String(subject.organizationId), String(subject.userId), { consistent: true });
      if (!user?.is_active) throw invalidRefresh();
      return subject;
    });
    const current = user as unknown as UserRecord;
    return tokenPair(
      await signAccessToken({ userId: current.id, organizationId: current.organization_id, role: current.role, sessionId: rotated.sessionId }),
      rotated.token,
    );
  } catch (error) {
    if (error instanceof AppError && error.kind === 'unauthenticated') throw invalidRefresh();
    throw error;
  }
}

/** Revokes the session of a refresh token the caller holds; another user's token (or a dead one) revokes nothing. */
export async function logout(callerId: string, refreshToken: string): Promise<void> {
  let subject: Awaited<ReturnType<typeof sessions.inspect>>;
  try {
    subject = await sessions.inspect(refreshToken);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'unauthenticated') throw invalidRefresh();
    throw error;
  }
  if (subject.userId !== callerId) throw invalidRefresh();
  await sessions.revoke(refreshToken);
}
