/** Badges for the admins: the kinds, and giving or taking one. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { queues } from '../resources.ts';
import { adminFailures, numericId, staffObject } from './admin-params.ts';

const url = () => z.string().check(z.maxLength(1000), z.url());
const badge = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  image_url: z.string(),
  image_url_black: z.string(),
  linked_cep_cidade: z.nullable(z.string()),
  created_on: z.string(),
});

export const createBadgeRoute = penhasRoute({
  method: 'POST',
  path: '/admin/badges',
  auth: 'jwt',
  handler: 'functions/penhas/admin/create-badge.ts',
  summary: 'Creates a kind of badge (`code` unique; `circulo-penhas` is given by e-mailed invitation, any other at once)',
  request: {
    body: z.object({
      code: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[a-z0-9-]+$/)),
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      description: z.string().check(z.maxLength(10_000)),
      image_url: url(),
      image_url_black: url(),
      linked_cep_cidade: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
    }),
    encodings: ['json'],
  },
  responses: { 201: ok('Created', badge), 400: failure('form_error (code taken: reason duplicate)'), ...adminFailures },
});

export const listBadgesRoute = penhasRoute({
  method: 'GET',
  path: '/admin/badges',
  auth: 'jwt',
  handler: 'functions/penhas/admin/list-badges.ts',
  summary: 'Every kind of badge',
  request: {},
  responses: { 200: ok('Badges', z.object({ rows: z.array(badge) })), ...adminFailures },
});

export const assignBadgeRoute = penhasRoute({
  method: 'POST',
  path: '/admin/badges/{badge_id}/assign',
  auth: 'jwt',
  handler: 'functions/penhas/admin/assign-badge.ts',
  // Círculo PenhaS invitations are e-mailed.
  access: { sendsTo: [queues.email] },
  summary:
    'Gives (`action: add`) or takes (`remove`) a badge for women listed by id or e-mail (`identifiers`); Círculo PenhaS is e-mailed as an invitation she accepts at `/badge/accept`',
  request: {
    params: z.object({ badge_id: numericId() }),
    body: z.object({
      identifiers: z.array(z.string().check(z.maxLength(200))).check(z.minLength(1), z.maxLength(500)),
      action: z.enum(['add', 'remove']),
    }),
    encodings: ['json'],
  },
  responses: {
    200: ok(
      'What was done',
      z.object({
        added: z.number(),
        emailed: z.number(),
        removed: z.number(),
        kept: z.number(),
        not_found: z.number(),
        not_eligible: z.number(),
        message: z.string(),
      }),
    ),
    400: failure('form_error (badge_id not_found; identifiers; action)'),
    ...adminFailures,
  },
  objectIds: [staffObject('badge', 'path', 'badge_id'), staffObject('user', 'body', 'identifiers[]')],
});
