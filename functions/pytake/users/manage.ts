/**
 * Managing an organization's users, with the original's rules: nobody creates
 * or promotes a super_admin; an admin never changes their own role, nor
 * deactivates or deletes themselves. Every read and write is keyed by the
 * caller's organization, so another organization's user id is not found.
 */
import { AppError } from '#shared/errors';
import { updateIfVersion } from '#shared/db/conditions';
import { batchWrite } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { releaseUnique, transact } from '#shared/db/transactions';
import type { TenantCaller } from '../auth/access.ts';
import { claimEmail, emailTaken, newUserRecord } from '../auth/accounts.ts';
import type { Role } from '../auth/tokens.ts';
import { objectNotFound, refused } from '../errors.ts';
import { emailKey, orgPartition, skillPrefix, USER_PREFIX, userKey } from '../keys.ts';
import { findUser, type UserRecord } from './users.ts';

export const userNotFound = () => objectNotFound('User');

/** The user within the organization; 404 `User not found` otherwise (another organization's id included). */
export async function getUser(orgId: string, userId: string, options: { consistent?: boolean } = {}): Promise<UserRecord> {
  const user = await findUser(orgId, userId, options);
  if (!user) throw userNotFound();
  return user;
}

export interface UserFilter {
  skip: number;
  limit: number;
  role?: Role;
  is_active?: boolean;
}

/**
 * The organization's users, newest first, as the original paged them (`skip`, `limit`). An
 * organization's users are one key range of its partition, read whole: tens or hundreds of items.
 */
export async function listUsers(orgId: string, filter: UserFilter): Promise<UserRecord[]> {
  const all = await queryAll<UserRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: USER_PREFIX } }));
  return all
    .filter(
      (user) =>
        !user.deleted_at && (filter.role === undefined || user.role === filter.role) && (filter.is_active === undefined || user.is_active === filter.is_active),
    )
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id))
    .slice(filter.skip, filter.skip + filter.limit);
}

export interface NewUser {
  email: string;
  password: string;
  full_name: string;
  role: Role;
  phone_number?: string | null;
  avatar_url?: string | null;
  bio?: string | null;
  department_ids?: string[] | null;
}

export async function createUser(caller: TenantCaller, input: NewUser): Promise<UserRecord> {
  if (input.role === 'super_admin') throw refused('cannot_create_super_admin', 'Cannot create super_admin users');
  const { department_ids, ...fields } = input;
  const user = await newUserRecord(caller.organizationId, { ...fields, ...(department_ids ? { department_ids } : {}) });
  await transact([
    { Put: { Item: user, ConditionExpression: 'attribute_not_exists(pk)' } },
    claimEmail(user.email, userKey(caller.organizationId, user.id)),
  ]).catch(emailTaken);
  return user;
}

export interface UserChanges {
  full_name?: string;
  phone_number?: string | null;
  avatar_url?: string | null;
  bio?: string | null;
  role?: Role;
  is_active?: boolean;
  agent_status?: UserRecord['agent_status'];
  agent_greeting_message?: string | null;
  department_ids?: string[] | null;
}

const MAX_ATTEMPTS = 3;

/** Applies `changesOf(user)` if nobody wrote the user since it was read; read again and retried otherwise. */
async function modifyUser(
  orgId: string,
  userId: string,
  changesOf: (user: UserRecord) => Promise<Partial<UserRecord>> | Partial<UserRecord>,
): Promise<UserRecord> {
  for (let attempt = 1; ; attempt++) {
    const user = await getUser(orgId, userId, { consistent: true });
    const changes = changesOf(user);
    try {
      return await updateIfVersion<UserRecord>(userKey(orgId, userId), {
        expectedVersion: user.version,
        changes: { ...changes, updated_at: new Date().toISOString() },
        notFoundCode: 'user_not_found',
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'version_conflict' && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof AppError && error.kind === 'not_found') throw userNotFound();
      throw error;
    }
  }
}

/** What an admin changes on another user (or on themselves, but for the role and activation). */
export function updateUser(caller: TenantCaller, userId: string, input: UserChanges): Promise<UserRecord> {
  const self = userId === caller.userId;
  if (input.role !== undefined) {
    if (input.role === 'super_admin') throw refused('cannot_assign_super_admin', 'Cannot assign super_admin role');
    if (self) throw refused('cannot_change_own_role', 'Cannot change your own role');
  }
  if (self && input.is_active === false) throw refused('cannot_deactivate_self', 'Cannot deactivate yourself');
  return modifyUser(caller.organizationId, userId, (user) => changesFrom(user, input));
}

/** What any user changes on their own profile: never their role, activation or departments (admins route work). */
export function updateOwnProfile(caller: TenantCaller, input: UserChanges): Promise<UserRecord> {
  const { role: _role, is_active: _active, department_ids: _departments, ...allowed } = input;
  return modifyUser(caller.organizationId, caller.userId, (user) => changesFrom(user, allowed));
}

function changesFrom(user: UserRecord, input: UserChanges): Partial<UserRecord> {
  const { department_ids, ...fields } = input;
  const changes: Partial<UserRecord> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) (changes as Record<string, unknown>)[name] = value;
  if (department_ids !== undefined) changes.department_ids = department_ids ?? [];
  // A user who is away or offline is not online for routing.
  if (changes.agent_status === 'offline' && user.is_online) changes.is_online = false;
  return changes;
}

export function setActive(caller: TenantCaller, userId: string, active: boolean): Promise<UserRecord> {
  if (!active && userId === caller.userId) throw refused('cannot_deactivate_self', 'Cannot deactivate yourself');
  return modifyUser(caller.organizationId, userId, () => ({ is_active: active }));
}

/**
 * Deletes the user: the record stays, marked deleted and inactive (conversations name it), the
 * e-mail is freed for a new account, and the user's skills go. Tokens of the user are refused from
 * then on (the authenticator and refresh read the user).
 */
export async function deleteUser(caller: TenantCaller, userId: string): Promise<void> {
  if (userId === caller.userId) throw refused('cannot_delete_self', 'Cannot delete yourself');
  const key = userKey(caller.organizationId, userId);
  for (let attempt = 1; ; attempt++) {
    const user = await getUser(caller.organizationId, userId, { consistent: true });
    const now = new Date().toISOString();
    try {
      await transact([
        {
          Update: {
            Key: key,
            UpdateExpression: 'SET deleted_at = :now, updated_at = :now, is_active = :false, is_online = :false, version = version + :one',
            ConditionExpression: 'version = :version AND attribute_not_exists(deleted_at)',
            ExpressionAttributeValues: { ':now': now, ':false': false, ':one': 1, ':version': user.version },
          },
          conflictCode: 'user_changed',
        },
        releaseUnique(emailKey(user.email), key),
      ]);
      break;
    } catch (error) {
      // Changed or deleted meanwhile: a fresh read settles it.
      if (error instanceof AppError && error.code === 'user_changed' && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
  const skills = await queryAll<{ pk: string; sk: string }>({
    ...keyQuery({ pk: orgPartition(caller.organizationId), sk: { beginsWith: skillPrefix(userId) } }),
    ProjectionExpression: 'pk, sk',
  });
  if (skills.length) await batchWrite({ deletes: skills.map(({ pk, sk }) => ({ pk, sk })) });
}
