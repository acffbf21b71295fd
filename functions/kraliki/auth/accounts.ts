/**
 * Registering, logging in, refreshing and logging out.
 *
 * Registration creates an organization and its first user, an ADMIN, in one
 * transaction with her e-mail's sentinel; nothing in the request chooses a
 * role or an organization (the reference took both from the body).
 */
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '#shared/errors';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { accountInactive } from '../errors.ts';
import { orgKey, userKey } from '../keys.ts';
import { findUser, findUserByEmail, newUserItems, transactClaimingEmail, type UserRecord, type UserView, userView } from '../users/users.ts';
import { checkFailures, countLogin, countRegistration, recordFailure } from './login-limits.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { accessTokens, type RefreshSubject, refreshTokens } from './tokens.ts';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
}

export type SignedIn = TokenPair & { user: UserView };

export interface Registration {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  organization_name: string;
}

const accessTokenOf = async (user: UserRecord) =>
  (await accessTokens()).sign({ sub: user.id, organization_id: user.organization_id, role: user.role, typ: 'access', ver: user.token_version });

/** A new session for the user: an access token and the first refresh token of its rotation. */
async function openSession(user: UserRecord): Promise<SignedIn> {
  const subject: RefreshSubject = { userId: user.id, organizationId: user.organization_id, ver: user.token_version };
  const [access_token, refresh_token] = await Promise.all([accessTokenOf(user), refreshTokens.issue({ ...subject })]);
  return { user: userView(user), access_token, refresh_token, token_type: 'bearer' };
}

export async function register(registration: Registration, sourceIp: string, now = new Date()): Promise<SignedIn> {
  await countRegistration(sourceIp);
  const orgId = randomUUID();
  const { user, items } = await newUserItems(orgId, { ...registration, role: 'ADMIN' }, now);
  const organization = { ...orgKey(orgId), id: orgId, name: registration.organization_name, created_at: now.toISOString() };
  await transactClaimingEmail([{ Put: { Item: organization, ConditionExpression: 'attribute_not_exists(pk)' } }, ...items]);
  logger.info('organization registered', { organizationId: orgId, userId: user.id });
  return openSession(user);
}

const invalidCredentials = () => unauthenticated('invalid_credentials', 'Invalid email or password');

// Verified against when the e-mail is unknown, so that answer takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomUUID()));

export async function logIn(email: string, password: string, sourceIp: string, now = new Date()): Promise<SignedIn> {
  await countLogin(sourceIp);
  await checkFailures(email, now.getTime());
  const user = await findUserByEmail(email);
  const matches = await verifyPassword(password, user?.password_hash ?? (await decoy()));
  if (!user || !matches) {
    await recordFailure(email, now.getTime());
    throw invalidCredentials();
  }
  if (user.status !== 'ACTIVE') throw accountInactive();
  const at = now.toISOString();
  await table.update(userKey(user.organization_id, user.id), 'SET last_login_at = :at', { values: { ':at': at } });
  logger.info('logged in', { organizationId: user.organization_id, userId: user.id });
  return openSession({ ...user, last_login_at: at });
}

/**
 * Uses the refresh token up and answers a new pair. A used token is a replay: its whole
 * session is revoked (shared/auth/refresh-tokens.ts). A deactivated account, or one
 * deactivated since the token was issued, gets no new token.
 */
export async function refresh(token: string): Promise<TokenPair> {
  let user: UserRecord | undefined;
  const rotated = await refreshTokens.rotate(token, async (stored) => {
    user = await activeUserOf(stored as unknown as RefreshSubject);
    return stored;
  });
  return { access_token: await accessTokenOf(user as unknown as UserRecord), refresh_token: rotated.token, token_type: 'bearer' };
}

/** The refresh token's user while her account is active and not deactivated since the token was issued. */
async function activeUserOf(subject: RefreshSubject): Promise<UserRecord> {
  const user = await findUser(subject.organizationId, subject.userId, { consistent: true });
  if (user?.status !== 'ACTIVE' || user.token_version !== subject.ver) throw unauthenticated('invalid_refresh_token', 'invalid or expired refresh token');
  return user;
}

/** Ends the refresh token's session: none of its tokens refreshes again. */
export async function logOut(token: string): Promise<void> {
  await refreshTokens.revoke(token);
}
