/** Broadcasts: an in-app notification (and push) to a segment of the accounts, fanned out through the `broadcast` queue. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { queues } from '../resources.ts';
import { adminFailures, flag, pageQuery, staffObject } from './admin-params.ts';

const segment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('city'),
    cidade: z.string().check(z.minLength(1), z.maxLength(200)),
    estado: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  }),
  z.object({ kind: z.literal('skill'), skill: z.int().check(z.positive()) }),
  z.object({ kind: z.literal('user'), cliente_id: z.int().check(z.positive()) }),
]);

const broadcast = z.object({
  id: z.string(),
  title: z.string(),
  content: z.string(),
  push: z.boolean(),
  segment,
  created_by: z.string(),
  created_at: z.string(),
  delivered: z.number(),
  /** `failed`: the fan-out could not be queued and nobody was reached; send it again. */
  status: z.enum(['queued', 'failed']),
});

export const createBroadcastRoute = penhasRoute({
  method: 'POST',
  path: '/admin/broadcasts',
  auth: 'jwt',
  handler: 'functions/penhas/admin/create-broadcast.ts',
  access: { sendsTo: [queues.broadcast] },
  summary:
    'Notifies a `segment` of the active accounts (`all`; `city` by `cidade` and optionally `estado`; `skill`; one `user`): `title`, `content`, `push` to their devices too. Answers at once; the fan-out runs on the queue',
  request: {
    body: z.object({
      title: z.string().check(z.minLength(1), z.maxLength(200)),
      content: z.string().check(z.minLength(1), z.maxLength(9999)),
      push: z.optional(z.boolean()),
      segment,
    }),
    encodings: ['json'],
  },
  responses: {
    202: ok('Recorded: `status` queued, or failed when its fan-out could not be queued (nobody reached; send it again)', broadcast),
    400: failure('form_error (title, content, segment)'),
    404: failure('segment user: no such account (item_not_found)'),
    ...adminFailures,
  },
  objectIds: [staffObject('user', 'body', 'segment.cliente_id')],
});

export const listBroadcastsRoute = penhasRoute({
  method: 'GET',
  path: '/admin/broadcasts',
  auth: 'jwt',
  handler: 'functions/penhas/admin/list-broadcasts.ts',
  access: { paginates: true },
  summary: 'Broadcasts, newest first, with how many accounts each has reached so far',
  request: { query: z.object(pageQuery) },
  responses: {
    200: ok('Broadcasts', z.object({ rows: z.array(broadcast), has_more: flag, next_page: z.nullable(z.string()) })),
    400: failure('form_error (rows, next_page)'),
    ...adminFailures,
  },
});
