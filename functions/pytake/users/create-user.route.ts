import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { createUserBody } from './user-input.ts';
import { userResponse } from './user-schema.ts';

export const createUserRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/users',
  auth: 'jwt',
  handler: 'functions/pytake/users/create-user.ts',
  summary: 'Adds a user to the organization (admins only; never a super_admin)',
  request: { body: createUserBody },
  responses: {
    201: ok('Created', userResponse),
    401: failure('Not authenticated'),
    403: failure('Not an admin, or the role is super_admin'),
    409: failure('Email already registered'),
    422: failure('Invalid input'),
  },
});
