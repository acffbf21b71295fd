import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';

export const logoutRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/auth/logout',
  auth: 'jwt',
  handler: 'functions/pytake/auth/logout.ts',
  summary: "Ends the session of the caller's refresh token: none of its tokens refreshes again",
  request: { body: z.object({ refresh_token: z.string().check(z.maxLength(512)) }) },
  responses: {
    200: ok('Logged out', z.object({ success: z.boolean(), message: z.string() })),
    401: failure("Not authenticated, or the refresh token is not a live one of the caller's"),
    422: failure('Invalid input'),
  },
});
