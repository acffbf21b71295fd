import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { tokenResponse } from './token-schema.ts';

export const refreshRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/auth/refresh',
  auth: 'none',
  handler: 'functions/pytake/auth/refresh.ts',
  summary: 'Trades a refresh token for a new pair; the one given is used up (presenting it again ends the session)',
  request: { body: z.object({ refresh_token: z.string().check(z.maxLength(512)) }) },
  responses: {
    200: ok('The next token pair', tokenResponse),
    401: failure('Invalid refresh token: unknown, used, expired, revoked, or its user is inactive'),
    422: failure('Invalid input'),
  },
});
