/**
 * The admin API's sign-in and its audit log. Admin routes speak JSON (a form
 * body is accepted too) and answer failures in PenhaS's error format.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { email, text } from '../params.ts';
import { adminFailures, pageQuery } from './admin-params.ts';

export const adminLoginRoute = penhasRoute({
  method: 'POST',
  path: '/admin/login',
  auth: 'none',
  handler: 'functions/penhas/admin/login.ts',
  summary: 'An admin signs in (`email`, `senha`); answers a 12-hour admin token for `Authorization: Bearer`',
  request: { body: z.object({ email: email(), senha: text({ min: 6, max: 200 }) }), encodings: ['json', 'urlencoded'] },
  responses: {
    200: ok('Signed in', z.object({ ok: z.literal(1), name: z.string(), token: z.string(), expires_in: z.number() })),
    400: failure('wrongpassword (unknown e-mail, wrong password or an inactive admin); form_error'),
    429: failure('More than 3 sign-ins a minute from the address (too_many_requests)'),
  },
});

export const adminLogoutRoute = penhasRoute({
  method: 'POST',
  path: '/admin/logout',
  auth: 'jwt',
  handler: 'functions/penhas/admin/logout.ts',
  summary: 'Ends the session of the token presented: the token is refused from then on',
  request: {},
  responses: { 204: noContent('Signed out'), ...adminFailures },
});

const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  admin_id: z.string(),
  admin_email: z.string(),
  action: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  facts: z.record(z.string(), z.unknown()),
});

export const listAuditRoute = penhasRoute({
  method: 'GET',
  path: '/admin/audit',
  auth: 'jwt',
  handler: 'functions/penhas/admin/list-audit.ts',
  access: { paginates: true },
  summary: 'The audit log of admin actions (who, what, when, the object), newest first',
  request: { query: z.object(pageQuery) },
  responses: {
    200: ok('Audit entries', z.object({ rows: z.array(auditRow), has_more: z.union([z.literal(0), z.literal(1)]), next_page: z.nullable(z.string()) })),
    400: failure('form_error (rows, next_page)'),
    ...adminFailures,
  },
});
