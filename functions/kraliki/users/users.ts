/**
 * Users: stored in their organization's partition, found at login through a
 * global e-mail sentinel written in the same transaction. What leaves the
 * service is `userView`, which never carries the password hash (nor the keys
 * or the token version).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import { claimUnique, transact, type TransactItem } from '#shared/db/transactions';
import { emailTaken, notFoundError } from '../errors.ts';
import { emailKey, normalizeEmail, userKey } from '../keys.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../auth/roles.ts';

export const USER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserRecord {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  status: UserStatus;
  password_hash: string;
  /** Raised when the account is deactivated: tokens carrying an older one are refused. */
  token_version: number;
  department: string | null;
  phone_extension: string | null;
  skills: string[];
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** A user as the API shows it (the reference's UserResponse, without what it did not use). */
export interface UserView {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  status: UserStatus;
  department: string | null;
  phone_extension: string | null;
  skills: string[];
  organization_id: string;
  auth_provider: 'LOCAL';
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export function userView(user: UserRecord): UserView {
  return {
    id: user.id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    role: user.role,
    status: user.status,
    department: user.department ?? null,
    phone_extension: user.phone_extension ?? null,
    skills: user.skills ?? [],
    organization_id: user.organization_id,
    auth_provider: 'LOCAL',
    created_at: user.created_at,
    updated_at: user.updated_at,
    last_login_at: user.last_login_at ?? null,
  };
}

export interface NewUser {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  role: Role;
  department?: string | null;
  phone_extension?: string | null;
  skills?: string[];
}

/** The items that create a user in `orgId` and claim her e-mail, for a transaction that may add more (a new org). */
export async function newUserItems(orgId: string, fields: NewUser, now = new Date()): Promise<{ user: UserRecord; items: TransactItem[] }> {
  const id = randomUUID();
  const at = now.toISOString();
  const user: UserRecord = {
    ...userKey(orgId, id),
    id,
    organization_id: orgId,
    email: normalizeEmail(fields.email),
    first_name: fields.first_name,
    last_name: fields.last_name,
    role: fields.role,
    status: 'ACTIVE',
    password_hash: await hashPassword(fields.password),
    token_version: 1,
    department: fields.department ?? null,
    phone_extension: fields.phone_extension ?? null,
    skills: fields.skills ?? [],
    created_at: at,
    updated_at: at,
    last_login_at: null,
  };
  const owner = userKey(orgId, id);
  const sentinel = claimUnique({ key: emailKey(user.email), conflictCode: 'email_already_registered' }, owner);
  sentinel.Put!.Item = { ...sentinel.Put!.Item, organization_id: orgId, user_id: id };
  return { user, items: [{ Put: { Item: user, ConditionExpression: 'attribute_not_exists(pk)' } }, sentinel] };
}

/** Runs a transaction that claims an e-mail, answering a taken one as `Email already registered`. */
export async function transactClaimingEmail(items: TransactItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof AppError && error.code === 'email_already_registered') throw emailTaken();
    throw error;
  }
}

/** A user of the organization (a deleted or foreign id is simply not there). */
export const findUser = (orgId: string, userId: string, options: { consistent?: boolean } = {}): Promise<UserRecord | undefined> =>
  table.get<UserRecord>(userKey(orgId, userId), options);

/** A user of the organization, else 404 `User not found`. */
export async function getUser(orgId: string, userId: string): Promise<UserRecord> {
  const user = await findUser(orgId, userId);
  if (!user) throw notFoundError('User');
  return user;
}

/** The login lookup: the user an e-mail belongs to, in whichever organization. */
export async function findUserByEmail(email: string): Promise<UserRecord | undefined> {
  const sentinel = await table.get<{ organization_id?: string; user_id?: string }>(emailKey(email));
  if (!sentinel?.organization_id || !sentinel.user_id) return undefined;
  return findUser(sentinel.organization_id, sentinel.user_id, { consistent: true });
}

/** A condition that a user exists in the organization, for transactions that reference her (agents, team members). */
export const userExists = (orgId: string, userId: string): TransactItem => ({
  ConditionCheck: { Key: userKey(orgId, userId), ConditionExpression: 'attribute_exists(pk)' },
  conflictCode: 'user_not_found',
});
