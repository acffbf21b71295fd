/** /api/auth: register, login, refresh, logout, me. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';
import { email, name, password, userSchema } from '../users/schemas.ts';

const tokenPair = { access_token: z.string(), refresh_token: z.string(), token_type: z.literal('bearer') };
const signedInSchema = z.object({ user: userSchema, ...tokenPair });
const refreshBody = z.object({ refresh_token: z.string().check(z.minLength(1), z.maxLength(512)) });
const rateLimitedAnswer = failure('too_many_requests: too many attempts from this address or for this e-mail (Retry-After says when to try again)');

export const registerRoute = kralikiRoute({
  method: 'POST',
  path: '/api/auth/register',
  auth: 'none',
  handler: 'functions/kraliki/auth/register.ts',
  // scrypt is memory and CPU; Lambda's CPU share grows with memory.
  memoryMb: 1024,
  access: { secrets: ['auth'] },
  summary: 'Creates an organization and its first user, an ADMIN; any `role` or `organization_id` in the body is ignored',
  request: {
    body: z.object({ email, password, first_name: name, last_name: name, organization_name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)) }),
  },
  responses: {
    201: ok('The new ADMIN and her tokens', signedInSchema),
    409: failure('email_already_registered'),
    429: rateLimitedAnswer,
  },
});

export const loginRoute = kralikiRoute({
  method: 'POST',
  path: '/api/auth/login',
  auth: 'none',
  handler: 'functions/kraliki/auth/login.ts',
  memoryMb: 1024,
  access: { secrets: ['auth'] },
  summary: 'Opens a session: an access token (15 minutes) and a rotating refresh token (7 days)',
  request: { body: z.object({ email: z.string().check(z.minLength(1), z.maxLength(254)), password: z.string().check(z.minLength(1), z.maxLength(128)) }) },
  responses: {
    200: ok('The user and her tokens', signedInSchema),
    401: failure('invalid_credentials: unknown e-mail or wrong password'),
    403: failure('account_inactive: the account was deactivated'),
    429: rateLimitedAnswer,
  },
});

export const refreshRoute = kralikiRoute({
  method: 'POST',
  path: '/api/auth/refresh',
  auth: 'none',
  handler: 'functions/kraliki/auth/refresh.ts',
  access: { secrets: ['auth'] },
  summary: 'Uses the refresh token up and answers a new pair; a used token revokes its whole session',
  request: { body: refreshBody },
  responses: {
    200: ok('A new access token and the next refresh token', z.object(tokenPair)),
    401: failure('invalid_refresh_token: unknown, expired, used, logged out, or the account deactivated'),
  },
});

export const logoutRoute = kralikiRoute({
  method: 'POST',
  path: '/api/auth/logout',
  auth: 'none',
  handler: 'functions/kraliki/auth/logout.ts',
  summary: "Ends the refresh token's session: none of its refresh tokens works again (access tokens expire within 15 minutes)",
  request: { body: refreshBody },
  responses: {
    200: ok('Logged out', z.object({ message: z.string() })),
    401: failure('invalid_refresh_token'),
  },
});

export const meRoute = kralikiRoute({
  method: 'GET',
  path: '/api/auth/me',
  auth: 'jwt',
  handler: 'functions/kraliki/auth/me.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The signed-in user',
  request: {},
  responses: { 200: ok('The user', userSchema), ...signedIn() },
});
