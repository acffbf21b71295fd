/** /api/teams: teams and their members; everyone reads, SUPERVISORs and ADMINs change. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id, paging } from '../params.ts';
import { skills } from '../users/schemas.ts';
import { TEAM_ROLES } from './teams.ts';

const metadata = z.nullable(
  z.record(z.string(), z.unknown()).check(z.refine((value) => JSON.stringify(value).length <= 4000, { message: 'at most 4000 characters of JSON' })),
);
const teamFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  description: z.optional(z.nullable(z.string().check(z.maxLength(1000)))),
  supervisor_id: z.optional(z.nullable(id)),
  max_members: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
  skills: z.optional(skills),
  extra_metadata: z.optional(metadata),
};

const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  organization_id: z.string(),
  supervisor_id: z.nullable(z.string()),
  max_members: z.number(),
  current_members: z.number(),
  skills: z.array(z.string()),
  extra_metadata: z.nullable(z.record(z.string(), z.unknown())),
  created_at: z.string(),
  updated_at: z.string(),
});
const memberSchema = z.object({ id: z.string(), team_id: z.string(), user_id: z.string(), role: z.enum(TEAM_ROLES), joined_at: z.string() });

const team: ObjectId = { object: 'team', from: 'path', field: 'team_id', owner: 'tenant' };
const byId = { params: z.object({ team_id: id }) };
const supervisors = signedIn('SUPERVISOR or ADMIN');

export const listTeamsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/teams',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/list-teams.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The organization’s teams, newest first',
  request: { query: z.object(paging) },
  responses: {
    200: ok('A page of teams', z.object({ teams: z.array(teamSchema), total: z.number(), skip: z.number(), limit: z.number() })),
    ...signedIn(),
  },
});

export const createTeamRoute = kralikiRoute({
  method: 'POST',
  path: '/api/teams',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/create-team.ts',
  access: { secrets: ['auth'] },
  summary: 'Creates a team; its supervisor is the caller unless `supervisor_id` names a user of the organization (SUPERVISOR or ADMIN)',
  request: { body: z.object(teamFields) },
  responses: { 201: ok('The team', teamSchema), ...supervisors, 404: failure('user_not_found: the supervisor is not a user of the organization') },
  objectIds: [{ object: 'user', from: 'body', field: 'supervisor_id', owner: 'tenant' }],
});

export const getTeamRoute = kralikiRoute({
  method: 'GET',
  path: '/api/teams/{team_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/get-team.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'One team of the organization',
  request: byId,
  responses: { 200: ok('The team', teamSchema), ...signedIn(), 404: notFoundInOrg('team') },
  objectIds: [team],
});

export const updateTeamRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/teams/{team_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/update-team.ts',
  access: { secrets: ['auth'] },
  summary: 'Changes a team (SUPERVISOR or ADMIN); fields left out keep their values',
  request: { ...byId, body: z.object({ ...teamFields, name: z.optional(teamFields.name) }) },
  responses: {
    200: ok('The team as changed', teamSchema),
    ...supervisors,
    404: failure('team_not_found, or user_not_found: the supervisor is not a user of the organization'),
    409: failure('team_too_small: more members than the new max_members'),
  },
  objectIds: [team, { object: 'user', from: 'body', field: 'supervisor_id', owner: 'tenant' }],
});

export const deleteTeamRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/teams/{team_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/delete-team.ts',
  access: { secrets: ['auth'] },
  summary: 'Deletes a team and its memberships (SUPERVISOR or ADMIN)',
  request: byId,
  responses: { 204: noContent('Deleted'), ...supervisors, 404: notFoundInOrg('team') },
  objectIds: [team],
});

export const listMembersRoute = kralikiRoute({
  method: 'GET',
  path: '/api/teams/{team_id}/members',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/list-members.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'A team’s members',
  request: byId,
  responses: { 200: ok('The members', z.array(memberSchema)), ...signedIn(), 404: notFoundInOrg('team') },
  objectIds: [team],
});

export const addMemberRoute = kralikiRoute({
  method: 'POST',
  path: '/api/teams/{team_id}/members',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/add-member.ts',
  access: { secrets: ['auth'] },
  summary: 'Adds a user of the organization to a team as MEMBER, LEAD or SUPERVISOR (SUPERVISOR or ADMIN)',
  request: { ...byId, body: z.object({ user_id: id, role: z.optional(z.enum(TEAM_ROLES)) }) },
  responses: {
    201: ok('The membership', memberSchema),
    ...supervisors,
    404: failure('team_not_found, or user_not_found'),
    409: failure('already_member, or team_full'),
  },
  objectIds: [team, { object: 'user', from: 'body', field: 'user_id', owner: 'tenant' }],
});

export const removeMemberRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/teams/{team_id}/members/{user_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/teams/remove-member.ts',
  access: { secrets: ['auth'] },
  summary: 'Removes a user from a team (SUPERVISOR or ADMIN)',
  request: { params: z.object({ team_id: id, user_id: id }) },
  responses: { 204: noContent('Removed'), ...supervisors, 404: failure('team_not_found, or team_member_not_found') },
  objectIds: [team, { object: 'user', from: 'path', field: 'user_id', owner: 'tenant' }],
});
