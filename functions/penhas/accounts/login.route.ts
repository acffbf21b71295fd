import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';

export const loginRoute = penhasRoute({
  method: 'POST',
  path: '/login',
  auth: 'none',
  handler: 'functions/penhas/accounts/login.ts',
  // scrypt is memory and CPU; Lambda's CPU share grows with memory.
  memoryMb: 1024,
  summary: "Opens a session for the e-mail and password (the app's body `email=…&senha=…` is not encoded); other sessions of the account end",
  request: {
    // The e-mail's format is checked by the handler, which may take it from the raw body (see login.ts).
    body: z.object({ email: text({ max: 200 }), senha: text({ max: 200 }), app_version: text({ min: 1, max: 800 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok(
      'The session token; `deleted_scheduled: 1` when the account is scheduled for deletion (the app offers to reactivate it)',
      z.object({ deleted_scheduled: z.optional(z.literal(1)), session: z.string() }),
    ),
    400: failure('form_error, notfound (unknown e-mail), wrongpassword, wrongpassword_tooweak, login_status_nok, login_status_block, ban'),
    429: failure('too_many_requests: more than 3 logins a minute from the address'),
  },
  objectIds: [{ object: 'account', from: 'body', field: 'email', owner: 'capability', capability: 'senha' }],
});
