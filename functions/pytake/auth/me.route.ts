import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { userResponse } from '../users/user-schema.ts';

export const meRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/auth/me',
  auth: 'jwt',
  handler: 'functions/pytake/auth/me.ts',
  summary: "The caller's profile",
  request: {},
  responses: {
    200: ok("The caller's profile", z.object({ ...userResponse.shape, permissions: z.array(z.string()) })),
    401: failure('Not authenticated'),
  },
});

export const verifyTokenRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/auth/verify-token',
  auth: 'jwt',
  handler: 'functions/pytake/auth/verify-token.ts',
  summary: 'Says whether the access token is valid, and whose it is',
  request: {},
  responses: {
    200: ok('Valid', z.object({ valid: z.literal(true), user_id: z.string(), organization_id: z.string(), role: z.string() })),
    401: failure('Not authenticated'),
  },
});
