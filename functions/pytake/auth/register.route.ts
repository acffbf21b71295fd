import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { emailField, fullNameField, newPasswordField, userResponse } from '../users/user-schema.ts';
import { tokenResponse } from './token-schema.ts';

export const registerRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/auth/register',
  auth: 'none',
  handler: 'functions/pytake/auth/register.ts',
  summary: 'Creates an organization and its first user (org_admin), and logs that user in',
  request: {
    body: z.object({
      email: emailField,
      password: newPasswordField,
      full_name: fullNameField,
      organization_name: z
        .string()
        .check(z.trim(), z.minLength(2, 'String should have at least 2 characters'), z.maxLength(255, 'String should have at most 255 characters')),
    }),
  },
  responses: {
    201: ok('Registered', z.object({ user: userResponse, token: tokenResponse, message: z.string() })),
    409: failure('Email already registered'),
    422: failure('Invalid input (the password needs 8+ characters with an uppercase letter, a lowercase letter and a digit)'),
    429: failure('Too many registrations from this address (10 an hour)'),
  },
});
