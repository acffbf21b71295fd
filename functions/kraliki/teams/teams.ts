/**
 * Teams and their members, in the organization's partition. A team keeps its
 * member count (`current_members`), changed in the same transaction as the
 * member item, so the count and `max_members` hold under concurrent adds.
 * Members and supervisors must be users of the organization: each write that
 * names a user checks she exists in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, conflict } from '#shared/errors';
import { batchWrite } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { notFoundError } from '../errors.ts';
import { orgPartition, TEAM_PREFIX, teamKey, teamMemberKey, teamMembersPrefix } from '../keys.ts';
import { userExists } from '../users/users.ts';

export const TEAM_ROLES = ['MEMBER', 'LEAD', 'SUPERVISOR'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

type Metadata = Record<string, unknown> | null;

export type TeamRecord = {
  pk: string;
  sk: string;
  id: string;
  name: string;
  description: string | null;
  organization_id: string;
  supervisor_id: string | null;
  max_members: number;
  current_members: number;
  skills: string[];
  extra_metadata: Metadata;
  created_at: string;
  updated_at: string;
};

export type MemberRecord = { pk: string; sk: string; id: string; team_id: string; user_id: string; role: TeamRole; joined_at: string };

export const teamView = ({ pk: _pk, sk: _sk, ...team }: TeamRecord) => ({
  ...team,
  description: team.description ?? null,
  extra_metadata: team.extra_metadata ?? null,
});
export const memberView = ({ pk: _pk, sk: _sk, ...member }: MemberRecord) => member;

/** Runs a transaction, answering its failed conditions in the product's terms. */
async function transactAs(items: TransactItem[], failures: Record<string, () => Error>): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof AppError && failures[error.code]) throw failures[error.code]();
    throw error;
  }
}

const userNotFound = { user_not_found: () => notFoundError('User') };

export interface NewTeam {
  name: string;
  description?: string | null;
  supervisor_id?: string | null;
  max_members?: number;
  skills?: string[];
  extra_metadata?: Metadata;
}

export async function createTeam(caller: Caller, fields: NewTeam, now = new Date()) {
  const orgId = caller.organizationId;
  const id = randomUUID();
  const at = now.toISOString();
  const team: TeamRecord = {
    ...teamKey(orgId, id),
    id,
    name: fields.name,
    description: fields.description ?? null,
    organization_id: orgId,
    supervisor_id: fields.supervisor_id ?? caller.userId,
    max_members: fields.max_members ?? 10,
    current_members: 0,
    skills: fields.skills ?? [],
    extra_metadata: fields.extra_metadata ?? null,
    created_at: at,
    updated_at: at,
  };
  await transactAs([{ Put: { Item: team, ConditionExpression: 'attribute_not_exists(pk)' } }, userExists(orgId, team.supervisor_id as string)], userNotFound);
  logger.info('team created', { organizationId: orgId, teamId: id });
  return teamView(team);
}

export async function getTeam(orgId: string, teamId: string): Promise<TeamRecord> {
  const team = await table.get<TeamRecord>(teamKey(orgId, teamId), { consistent: true });
  if (!team) throw notFoundError('Team');
  return team;
}

/** The organization's teams, newest first. */
export async function listTeams(orgId: string): Promise<TeamRecord[]> {
  const teams = await queryAll<TeamRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: TEAM_PREFIX } }));
  return teams.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export type TeamChanges = Partial<Omit<NewTeam, 'max_members'>> & { max_members?: number };

export async function updateTeam(caller: Caller, teamId: string, changes: TeamChanges, now = new Date()) {
  const orgId = caller.organizationId;
  const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
  const names: Record<string, string> = { '#updated_at': 'updated_at' };
  const values: Record<string, unknown> = { ':updated_at': now.toISOString() };
  const sets = ['#updated_at = :updated_at'];
  fields.forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  let condition = 'attribute_exists(pk)';
  if (changes.max_members !== undefined) {
    condition += ' AND current_members <= :max';
    values[':max'] = changes.max_members;
  }
  await transactAs(
    [
      {
        Update: {
          Key: teamKey(orgId, teamId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
        conflictCode: 'team_update_refused',
      },
      ...(changes.supervisor_id ? [userExists(orgId, changes.supervisor_id)] : []),
    ],
    userNotFound,
  ).catch(async (error) => {
    if (!(error instanceof AppError) || error.code !== 'team_update_refused') throw error;
    await getTeam(orgId, teamId);
    throw conflict('team_too_small', 'The team has more members than max_members');
  });
  return teamView(await getTeam(orgId, teamId));
}

/** Deletes the team, then its members (orphans of a failed cleanup are unreachable: their team is gone). */
export async function deleteTeam(caller: Caller, teamId: string): Promise<void> {
  const orgId = caller.organizationId;
  const deleted = await table.delete(teamKey(orgId, teamId), { condition: 'attribute_exists(pk)' });
  if (!deleted) throw notFoundError('Team');
  const members = await queryAll<MemberRecord>({
    ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: teamMembersPrefix(teamId) } }),
    ProjectionExpression: 'pk, sk',
  });
  await batchWrite({ deletes: members.map(({ pk, sk }) => ({ pk, sk })) });
  logger.info('team deleted', { organizationId: orgId, teamId, members: members.length });
}

export async function addMember(caller: Caller, teamId: string, fields: { user_id: string; role?: TeamRole }, now = new Date()) {
  const orgId = caller.organizationId;
  const member: MemberRecord = {
    ...teamMemberKey(orgId, teamId, fields.user_id),
    id: randomUUID(),
    team_id: teamId,
    user_id: fields.user_id,
    role: fields.role ?? 'MEMBER',
    joined_at: now.toISOString(),
  };
  // Conditions are reported in this order: an unknown user, then an existing membership, then a missing or full team.
  await transactAs(
    [
      userExists(orgId, fields.user_id),
      { Put: { Item: member, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'already_member' },
      {
        Update: {
          Key: teamKey(orgId, teamId),
          UpdateExpression: 'SET current_members = current_members + :one',
          ConditionExpression: 'attribute_exists(pk) AND current_members < max_members',
          ExpressionAttributeValues: { ':one': 1 },
        },
        conflictCode: 'team_refused',
      },
    ],
    { ...userNotFound, already_member: () => conflict('already_member', 'User is already a team member') },
  ).catch(async (error) => {
    if (!(error instanceof AppError) || error.code !== 'team_refused') throw error;
    await getTeam(orgId, teamId);
    throw conflict('team_full', 'The team has reached max_members');
  });
  return memberView(member);
}

export async function removeMember(caller: Caller, teamId: string, userId: string): Promise<void> {
  const orgId = caller.organizationId;
  await transactAs(
    [
      {
        Update: {
          Key: teamKey(orgId, teamId),
          UpdateExpression: 'SET current_members = current_members - :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
        },
        conflictCode: 'team_not_found',
      },
      { Delete: { Key: teamMemberKey(orgId, teamId, userId), ConditionExpression: 'attribute_exists(pk)' }, conflictCode: 'member_not_found' },
    ],
    { team_not_found: () => notFoundError('Team'), member_not_found: () => notFoundError('Team member') },
  );
}

export async function listMembers(orgId: string, teamId: string) {
  await getTeam(orgId, teamId);
  const members = await queryAll<MemberRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: teamMembersPrefix(teamId) } }));
  return members.map(memberView);
}
