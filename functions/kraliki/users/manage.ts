/**
 * Managing an organization's users (ADMIN only, enforced by the routes'
 * authenticator). An admin cannot demote or deactivate herself, so an
 * organization always keeps an admin who can undo mistakes.
 */
import { conflict } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import type { Caller, Role } from '../auth/roles.ts';
import { notFoundError } from '../errors.ts';
import { orgPartition, USER_PREFIX, userKey } from '../keys.ts';
import { type NewUser, newUserItems, transactClaimingEmail, type UserRecord, type UserStatus, type UserView, userView } from './users.ts';

export async function createUser(caller: Caller, fields: NewUser): Promise<UserView> {
  const { user, items } = await newUserItems(caller.organizationId, fields);
  await transactClaimingEmail(items);
  logger.info('user created', { organizationId: caller.organizationId, userId: user.id, role: user.role });
  return userView(user);
}

/** Every user of the organization, newest first (an organization's staff fits in a few pages). */
export async function listUsers(caller: Caller, filter: { role?: Role; status?: UserStatus }): Promise<UserView[]> {
  const users = await queryAll<UserRecord>(keyQuery({ pk: orgPartition(caller.organizationId), sk: { beginsWith: USER_PREFIX } }));
  return users
    .filter((user) => (!filter.role || user.role === filter.role) && (!filter.status || user.status === filter.status))
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .map(userView);
}

export interface UserChanges {
  first_name?: string;
  last_name?: string;
  role?: Role;
  department?: string | null;
  phone_extension?: string | null;
  skills?: string[];
}

const missing = (exists: boolean) => (exists ? conflict('concurrent_update', 'The user changed meanwhile, try again') : notFoundError('User'));

export async function updateUser(caller: Caller, userId: string, changes: UserChanges): Promise<UserView> {
  if (userId === caller.userId && changes.role !== undefined && changes.role !== caller.role) {
    throw conflict('cannot_change_own_role', 'Admins cannot change their own role');
  }
  const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
  const names: Record<string, string> = { '#updated_at': 'updated_at' };
  const values: Record<string, unknown> = { ':updated_at': new Date().toISOString() };
  const sets = ['#updated_at = :updated_at'];
  fields.forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  const updated = await table.update<UserRecord>(userKey(caller.organizationId, userId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk)',
    names,
    values,
    returning: 'new',
    onConditionFailure: missing,
  });
  return userView(updated as UserRecord);
}

/** Activates or deactivates a user; deactivating raises her token version, so her sessions end at once. */
export async function setUserStatus(caller: Caller, userId: string, status: UserStatus): Promise<UserView> {
  if (userId === caller.userId && status !== 'ACTIVE') throw conflict('cannot_deactivate_self', 'Admins cannot deactivate themselves');
  const expression = status === 'ACTIVE' ? 'SET #status = :status, updated_at = :at' : 'SET #status = :status, updated_at = :at ADD token_version :one';
  const updated = await table.update<UserRecord>(userKey(caller.organizationId, userId), expression, {
    condition: 'attribute_exists(pk)',
    names: { '#status': 'status' },
    values: { ':status': status, ':at': new Date().toISOString(), ...(status === 'ACTIVE' ? {} : { ':one': 1 }) },
    returning: 'new',
    onConditionFailure: missing,
  });
  logger.info('user status set', { organizationId: caller.organizationId, userId, status });
  return userView(updated as UserRecord);
}
