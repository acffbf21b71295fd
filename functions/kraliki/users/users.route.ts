/** /api/users: an organization's users, managed by its ADMINs. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id, paging } from '../params.ts';
import { email, name, optionalText, password, role, skills, userSchema } from './schemas.ts';
import { USER_STATUSES } from './users.ts';

const userId: ObjectId[] = [{ object: 'user', from: 'path', field: 'user_id', owner: 'tenant' }];
const adminOnly = signedIn('ADMIN');
const byId = { params: z.object({ user_id: id }) };

export const createUserRoute = kralikiRoute({
  method: 'POST',
  path: '/api/users',
  auth: 'jwt',
  handler: 'functions/kraliki/users/create-user.ts',
  memoryMb: 1024,
  access: { secrets: ['auth'] },
  summary: 'Creates a user of the caller’s organization with the role given (ADMIN only)',
  request: {
    body: z.object({
      email,
      password,
      first_name: name,
      last_name: name,
      role,
      department: optionalText(100),
      phone_extension: optionalText(20),
      skills: z.optional(skills),
    }),
  },
  responses: { 201: ok('The user', userSchema), ...adminOnly, 409: failure('email_already_registered') },
});

export const listUsersRoute = kralikiRoute({
  method: 'GET',
  path: '/api/users',
  auth: 'jwt',
  handler: 'functions/kraliki/users/list-users.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The organization’s users, newest first (ADMIN only)',
  request: { query: z.object({ ...paging, role: z.optional(role), status: z.optional(z.enum(USER_STATUSES)) }) },
  responses: {
    200: ok('A page of users', z.object({ users: z.array(userSchema), total: z.number(), skip: z.number(), limit: z.number() })),
    ...adminOnly,
  },
});

export const getUserRoute = kralikiRoute({
  method: 'GET',
  path: '/api/users/{user_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/users/get-user.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'One user of the organization (ADMIN only)',
  request: byId,
  responses: { 200: ok('The user', userSchema), ...adminOnly, 404: notFoundInOrg('user') },
  objectIds: userId,
});

export const updateUserRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/users/{user_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/users/update-user.ts',
  access: { secrets: ['auth'] },
  summary: 'Changes a user’s names, role, department, extension or skills (ADMIN only; an admin cannot change her own role)',
  request: {
    ...byId,
    body: z.object({
      first_name: z.optional(name),
      last_name: z.optional(name),
      role: z.optional(role),
      department: optionalText(100),
      phone_extension: optionalText(20),
      skills: z.optional(skills),
    }),
  },
  responses: { 200: ok('The user as changed', userSchema), ...adminOnly, 404: notFoundInOrg('user'), 409: failure('cannot_change_own_role') },
  objectIds: userId,
});

const statusRoute = (action: 'activate' | 'deactivate') =>
  kralikiRoute({
    method: 'POST',
    path: `/api/users/{user_id}/${action}`,
    auth: 'jwt',
    handler: `functions/kraliki/users/${action}-user.ts`,
    access: { secrets: ['auth'] },
    summary:
      action === 'activate'
        ? 'Lets a deactivated user log in again (ADMIN only)'
        : 'Deactivates a user: she cannot log in or refresh, and her current tokens stop working (ADMIN only; not herself)',
    request: byId,
    responses: { 200: ok('The user', userSchema), ...adminOnly, 404: notFoundInOrg('user'), 409: failure('cannot_deactivate_self') },
    objectIds: userId,
  });

export const activateUserRoute = statusRoute('activate');
export const deactivateUserRoute = statusRoute('deactivate');
