import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { email, integer, optionalText, text } from '../params.ts';
import { queues } from '../resources.ts';

export const requestResetRoute = penhasRoute({
  method: 'POST',
  path: '/reset-password/request-new',
  auth: 'none',
  handler: 'functions/penhas/accounts/request-password-reset.ts',
  access: { sendsTo: [queues.email] },
  summary: 'E-mails a 6-digit code, valid for an hour, that lets the account choose a new password (a recent code is not sent again)',
  request: {
    body: z.object({ email: email(), app_version: text({ min: 1, max: 800 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok(
      'The code was sent (or one sent recently is still awaited): its validity in seconds, its digits, and how long before the end of its validity a new one may be asked for',
      z.object({ message: z.string(), ttl: z.number(), digits: z.literal(6), min_ttl_retry: z.number() }),
    ),
    400: failure('form_error, email_not_found'),
    429: failure('too_many_requests: more than 5 requests an hour from the address'),
  },
  // Anyone may ask for an account's code: it goes only to the account's own address.
  objectIds: [{ object: 'account', from: 'body', field: 'email', owner: 'public' }],
});

export const writeNewPasswordRoute = penhasRoute({
  method: 'POST',
  path: '/reset-password/write-new',
  auth: 'none',
  handler: 'functions/penhas/accounts/write-new-password.ts',
  // scrypt is memory and CPU; Lambda's CPU share grows with memory.
  memoryMb: 1024,
  summary: 'Checks the e-mailed code (`dry=1`), or sets the new password with it and ends every session of the account',
  request: {
    body: z.object({ email: email(), token: text({ min: 6, max: 100 }), dry: integer(), senha: optionalText({ max: 200 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('`dry=1`: `{continue: 1}`; otherwise `{success: 1}`', z.union([z.object({ continue: z.literal(1) }), z.object({ success: z.literal(1) })])),
    400: failure('form_error, the password policy (warning_space_password, pass_too_weak…), invalid_token, pass_same_as_before'),
    429: failure('too_many_requests: more than 30 attempts an hour from the address'),
  },
  objectIds: [{ object: 'account', from: 'body', field: 'email', owner: 'capability', capability: 'token' }],
});
