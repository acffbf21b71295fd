/** Queues (`/api/v1/queues`: admins create and change them, every member reads them) and `POST /api/v1/queue/pull`. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { conversationResponse } from '../inbox/conversation-schema.ts';
import { optionalText, pagination, uuid } from '../params.ts';

export const queueIdParams = z.object({ queue_id: uuid() });
export const queueId: ObjectId = { object: 'queue', from: 'path', field: 'queue_id', owner: 'tenant' };

const int = (min: number, max?: number) =>
  z
    .int('Input should be a valid integer')
    .check(
      z.gte(min, `Input should be greater than or equal to ${min}`),
      ...(max === undefined ? [] : [z.lte(max, `Input should be less than or equal to ${max}`)]),
    );
const text = (max: number) =>
  z.string().check(z.minLength(1, 'String should have at least 1 character'), z.maxLength(max, `String should have at most ${max} characters`));
const fields = {
  description: optionalText(),
  color: z.optional(z.string().check(z.regex(/^#[0-9A-Fa-f]{6}$/, "String should match pattern '^#[0-9A-Fa-f]{6}$'"))),
  icon: optionalText({ max: 50 }),
  is_active: z.optional(z.boolean()),
  priority: z.optional(int(0, 100)),
  sla_minutes: z.optional(z.nullable(int(1))),
  routing_mode: z.optional(z.enum(['round_robin', 'load_balance', 'manual', 'skills_based'])),
  auto_assign_conversations: z.optional(z.boolean()),
  max_conversations_per_agent: z.optional(int(1, 100)),
  max_queue_size: z.optional(z.nullable(int(1))),
  overflow_queue_id: z.optional(z.nullable(uuid())),
  settings: z.optional(z.record(z.string(), z.unknown())),
};

export const queueResponse = z.looseObject({
  id: z.string(),
  organization_id: z.string(),
  department_id: z.string(),
  name: z.string(),
  slug: z.string(),
  priority: z.number(),
  sla_minutes: z.nullable(z.number()),
  routing_mode: z.string(),
  auto_assign_conversations: z.boolean(),
  max_conversations_per_agent: z.number(),
  overflow_queue_id: z.nullable(z.string()),
});

const unauthenticated = { 401: failure('Not authenticated') };
const notFound = { 404: failure('Queue not found (also for a queue of another organization)') };
const invalid = { 422: failure('Invalid input') };
const notAdmin = { 403: failure('Not an admin') };

export const createQueueRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/queues',
  auth: 'jwt',
  handler: 'functions/pytake/queues/create-queue.ts',
  summary: 'Creates a queue in a department of the organization (admins only)',
  request: { body: z.object({ department_id: uuid(), name: text(255), slug: text(100), ...fields }) },
  responses: { 201: ok('Created', queueResponse), ...unauthenticated, ...notAdmin, 404: failure('Department or overflow queue not found'), ...invalid },
});

export const listQueuesRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/queues',
  auth: 'jwt',
  handler: 'functions/pytake/queues/list-queues.ts',
  summary: 'The organization’s queues, highest priority first',
  request: { query: z.object({ ...pagination(), department_id: z.optional(uuid()), is_active: z.optional(z.stringbool()) }) },
  responses: { 200: ok('The queues', z.array(queueResponse)), ...unauthenticated, ...invalid },
});

export const getQueueRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/queues/{queue_id}',
  auth: 'jwt',
  handler: 'functions/pytake/queues/get-queue.ts',
  summary: 'A queue of the organization',
  request: { params: queueIdParams },
  objectIds: [queueId],
  responses: { 200: ok('The queue', queueResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const updateQueueRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/queues/{queue_id}',
  auth: 'jwt',
  handler: 'functions/pytake/queues/update-queue.ts',
  summary: 'Changes a queue (admins only)',
  request: {
    params: queueIdParams,
    body: z.object({ department_id: z.optional(uuid()), name: z.optional(text(255)), slug: z.optional(text(100)), ...fields }),
  },
  objectIds: [queueId],
  responses: { 200: ok('Updated', queueResponse), ...unauthenticated, ...notAdmin, 404: failure('Queue, department or overflow queue not found'), ...invalid },
});

export const deleteQueueRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/queues/{queue_id}',
  auth: 'jwt',
  handler: 'functions/pytake/queues/delete-queue.ts',
  summary: 'Removes a queue (admins only)',
  request: { params: queueIdParams },
  objectIds: [queueId],
  responses: { 204: noContent('Deleted'), ...unauthenticated, ...notAdmin, ...notFound, ...invalid },
});

export const pullRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/queue/pull',
  auth: 'jwt',
  handler: 'functions/pytake/queues/pull.ts',
  summary:
    'Takes the waiting conversation with the highest priority, then the longest wait, and assigns it to the caller; two agents pulling at once never get the same one',
  request: { query: z.object({ queue_id: z.optional(uuid()), department_id: z.optional(uuid()) }) },
  // Another organization's queue or department simply holds nothing for the caller.
  objectIds: [
    { object: 'queue', from: 'query', field: 'queue_id', owner: 'tenant' },
    { object: 'department', from: 'query', field: 'department_id', owner: 'tenant' },
  ],
  responses: {
    200: ok('The conversation, now the caller’s', conversationResponse),
    ...unauthenticated,
    403: failure('A viewer may not pull'),
    404: failure('No conversation waits'),
    ...invalid,
  },
});

export const bulkDeleteQueuesRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/queues/bulk-delete',
  auth: 'jwt',
  handler: 'functions/pytake/queues/bulk-delete-queues.ts',
  summary: 'Removes several queues of the organization at once (admins only); ids of no queue of the organization are skipped',
  request: {
    body: z.object({
      queue_ids: z
        .array(uuid())
        .check(z.minLength(1, 'List should have at least 1 item after validation'), z.maxLength(100, 'List should have at most 100 items after validation')),
    }),
  },
  objectIds: [{ object: 'queue', from: 'body', field: 'queue_ids', owner: 'tenant' }],
  responses: { 204: noContent('Deleted'), ...unauthenticated, ...notAdmin, 404: failure('No queues found to delete'), ...invalid },
});
