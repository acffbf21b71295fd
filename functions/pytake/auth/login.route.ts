import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { emailField, userResponse } from '../users/user-schema.ts';
import { tokenResponse } from './token-schema.ts';

export const loginRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/auth/login',
  auth: 'none',
  handler: 'functions/pytake/auth/login.ts',
  summary: "Logs a user in: the user and a new session's tokens",
  request: {
    body: z.object({
      email: emailField,
      password: z.string().check(z.minLength(8, 'String should have at least 8 characters'), z.maxLength(100, 'String should have at most 100 characters')),
    }),
  },
  responses: {
    200: ok('Logged in', z.object({ user: userResponse, token: tokenResponse, message: z.string() })),
    401: failure('Incorrect email or password'),
    403: failure('Account is not active'),
    422: failure('Invalid input'),
    429: failure('Too many attempts: 30 a minute from one address, or 10 wrong passwords in 15 minutes for one account'),
  },
});
