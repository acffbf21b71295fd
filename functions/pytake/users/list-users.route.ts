import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { boolQuery, pagination } from '../params.ts';
import { userResponse } from './user-schema.ts';

export const listUsersRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/users',
  auth: 'jwt',
  handler: 'functions/pytake/users/list-users.ts',
  summary: "The organization's users, newest first, optionally by role and activation (skip/limit paging)",
  request: {
    query: z.object({
      ...pagination(100),
      role: z.optional(z.enum(['org_admin', 'agent', 'viewer'], { error: "String should match pattern '^(org_admin|agent|viewer)$'" })),
      is_active: boolQuery(),
    }),
  },
  responses: {
    200: ok('Users', z.array(userResponse)),
    401: failure('Not authenticated'),
    422: failure('Invalid query'),
  },
});
