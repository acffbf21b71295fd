/**
 * Managing an organization's users (ADMIN only, enforced by the routes'
 * authenticator). An admin cannot demote or deactivate herself, and every
 * change is written on the condition that its author is still an active
 * admin, so an organization always keeps an admin who can undo mistakes.
 */
import { AppError, conflict } from '#shared/errors';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import { agentOfUser, updateAgent } from '../agents/agents.ts';
import type { Caller, Role } from '../auth/roles.ts';
import { adminRequired, notFoundError } from '../errors.ts';
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

/**
 * Writes a change to a user on the condition that the caller is still an active ADMIN, in one
 * transaction: two admins demoting or deactivating each other at once cannot both succeed, so an
 * organization always keeps an admin.
 */
async function changeUser(
  caller: Caller,
  userId: string,
  update: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
): Promise<UserView> {
  const key = userKey(caller.organizationId, userId);
  const callerIsAdmin = {
    ConditionExpression: '#role = :admin AND #status = :active',
    ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
    ExpressionAttributeValues: { ':admin': 'ADMIN', ':active': 'ACTIVE' },
  };
  const write = {
    Key: key,
    UpdateExpression: update.expression,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: update.names,
    ExpressionAttributeValues: update.values,
  };
  try {
    if (userId === caller.userId) {
      // One item cannot appear twice in a transaction: her own change carries the condition itself.
      await transact([
        {
          Update: {
            ...write,
            ConditionExpression: `attribute_exists(pk) AND ${callerIsAdmin.ConditionExpression}`,
            ExpressionAttributeNames: { ...write.ExpressionAttributeNames, ...callerIsAdmin.ExpressionAttributeNames },
            ExpressionAttributeValues: { ...write.ExpressionAttributeValues, ...callerIsAdmin.ExpressionAttributeValues },
          },
          conflictCode: 'caller_not_admin',
        },
      ]);
    } else {
      await transact([
        { ConditionCheck: { Key: userKey(caller.organizationId, caller.userId), ...callerIsAdmin }, conflictCode: 'caller_not_admin' },
        { Update: write, conflictCode: 'user_not_found' },
      ]);
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'caller_not_admin') throw adminRequired();
    if (error instanceof AppError && error.code === 'user_not_found') throw notFoundError('User');
    throw error;
  }
  return userView((await table.get<UserRecord>(key, { consistent: true })) as UserRecord);
}

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
  return changeUser(caller, userId, { expression: `SET ${sets.join(', ')}`, names, values });
}

/** Activates or deactivates a user; deactivating raises her token version, so her sessions end at once. */
export async function setUserStatus(caller: Caller, userId: string, status: UserStatus): Promise<UserView> {
  if (userId === caller.userId && status !== 'ACTIVE') throw conflict('cannot_deactivate_self', 'Admins cannot deactivate themselves');
  const deactivating = status !== 'ACTIVE';
  const updated = await changeUser(caller, userId, {
    expression: `SET #status = :status, updated_at = :at${deactivating ? ' ADD token_version :one' : ''}`,
    names: { '#status': 'status' },
    values: { ':status': status, ':at': new Date().toISOString(), ...(deactivating ? { ':one': 1 } : {}) },
  });
  if (deactivating) await takeOffline(caller.organizationId, userId);
  logger.info('user status set', { organizationId: caller.organizationId, userId, status });
  return updated;
}

/** A deactivated user's agent profile goes OFFLINE, so she is no longer counted or offered calls. */
async function takeOffline(orgId: string, userId: string): Promise<void> {
  const agent = await agentOfUser(orgId, userId);
  if (agent && agent.status !== 'OFFLINE') await updateAgent(orgId, agent.id, () => ({ status: 'OFFLINE' }));
}
