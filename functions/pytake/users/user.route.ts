/** Routes on one user of the caller's organization, by id. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { uuid } from '../params.ts';
import { updateUserBody } from './user-input.ts';
import { userResponse } from './user-schema.ts';

export const userIdParams = z.object({ user_id: uuid() });
export const userId: ObjectId = { object: 'user', from: 'path', field: 'user_id', owner: 'tenant' };

const common = {
  401: failure('Not authenticated'),
  404: failure('User not found (also for a user of another organization)'),
  422: failure('Invalid input'),
};

export const getUserRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/{user_id}',
  auth: 'jwt',
  handler: 'functions/pytake/users/get-user.ts',
  summary: 'A user of the organization',
  request: { params: userIdParams },
  objectIds: [userId],
  responses: { 200: ok('The user', userResponse), ...common },
});

export const updateUserRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/users/{user_id}',
  auth: 'jwt',
  handler: 'functions/pytake/users/update-user.ts',
  summary: "Updates a user's profile, role, activation or agent status (admins only; never to super_admin, never one's own role)",
  request: { params: userIdParams, body: updateUserBody },
  objectIds: [userId],
  responses: { 200: ok('Updated', userResponse), 403: failure('Not an admin, or a change the rules refuse'), ...common },
});

export const activateUserRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/users/{user_id}/activate',
  auth: 'jwt',
  handler: 'functions/pytake/users/activate-user.ts',
  summary: 'Lets a deactivated user log in again (admins only)',
  request: { params: userIdParams },
  objectIds: [userId],
  responses: { 200: ok('Activated', userResponse), 403: failure('Not an admin'), ...common },
});

export const deactivateUserRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/users/{user_id}/deactivate',
  auth: 'jwt',
  handler: 'functions/pytake/users/deactivate-user.ts',
  summary: "Stops a user: logins, refreshes and the user's live tokens are refused from now on (admins only; not oneself)",
  request: { params: userIdParams },
  objectIds: [userId],
  responses: { 200: ok('Deactivated', userResponse), 403: failure('Not an admin, or oneself'), ...common },
});

export const deleteUserRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/users/{user_id}',
  auth: 'jwt',
  handler: 'functions/pytake/users/delete-user.ts',
  summary: 'Deletes a user: its e-mail is freed, its tokens refused (admins only; not oneself)',
  request: { params: userIdParams },
  objectIds: [userId],
  responses: { 204: noContent('Deleted'), 403: failure('Not an admin, or oneself'), ...common },
});
