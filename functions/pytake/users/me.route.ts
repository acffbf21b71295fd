import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { updateUserBody } from './user-input.ts';
import { userResponse } from './user-schema.ts';

export const getMeRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users/me',
  auth: 'jwt',
  handler: 'functions/pytake/users/get-me.ts',
  summary: "The caller's own user",
  request: {},
  responses: { 200: ok('The caller', userResponse), 401: failure('Not authenticated') },
});

export const updateMeRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/users/me',
  auth: 'jwt',
  handler: 'functions/pytake/users/update-me.ts',
  summary: "Updates the caller's own profile and agent status (`available`, `busy`, `away`, `offline`); role, activation and departments are ignored",
  request: { body: updateUserBody },
  responses: { 200: ok('Updated', userResponse), 401: failure('Not authenticated'), 422: failure('Invalid input') },
});
