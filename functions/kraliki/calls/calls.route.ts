/**
 * /api/calls: the organization's calls. Any member; an AGENT sees and works only
 * the calls assigned to her (others answer 404), assigning an agent and deleting
 * take a SUPERVISOR or ADMIN.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { queues } from '../resources.ts';
import { CALL_DIRECTIONS, CALL_STATUSES } from './call-status.ts';

const nullableString = z.nullable(z.string());

export const callSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  twilio_call_sid: nullableString,
  from_number: z.string(),
  to_number: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  provider: z.string(),
  agent_id: nullableString,
  agent_call_sid: nullableString,
  supervisor_id: nullableString,
  campaign_id: nullableString,
  contact_id: nullableString,
  start_time: z.string(),
  end_time: nullableString,
  duration: z.nullable(z.number()),
  recording_url: nullableString,
  disposition: nullableString,
  notes: nullableString,
  ivr: z.nullable(z.object({ menu_id: nullableString, digit: nullableString, action: nullableString, target: nullableString })),
  /** The analysis of its transcripts (ai/analysis.ts), null until there is one. */
  ai: z.nullable(z.object({ summary: z.string(), sentiment: z.string(), suggestions: z.array(z.string()), analyzed_at: z.string() })),
  created_at: z.string(),
  updated_at: z.string(),
});

const callId: ObjectId[] = [{ object: 'call', from: 'path', field: 'call_id', owner: 'tenant' }];
const byId = { params: z.object({ call_id: id }) };
const read = { table: 'read' as const, secrets: ['auth' as const] };
const phone = z.string().check(z.minLength(3), z.maxLength(32));
const optionalId = z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(64))));
const text = (max: number) => z.optional(z.nullable(z.string().check(z.maxLength(max))));

export const listCallsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/calls',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/list-calls.ts',
  access: read,
  summary: 'The organization’s calls, newest first (an AGENT: her own), optionally of one status or agent (user id)',
  request: {
    query: z.object({
      page: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)), 1),
      page_size: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
      call_status: z.optional(z.enum(CALL_STATUSES)),
      agent_id: z.optional(id),
    }),
  },
  responses: {
    200: ok('A page of calls', z.object({ items: z.array(callSchema), total: z.number(), page: z.number(), page_size: z.number(), has_more: z.boolean() })),
    ...signedIn(),
  },
});

export const createCallRoute = kralikiRoute({
  method: 'POST',
  path: '/api/calls',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/create-call.ts',
  access: { secrets: ['auth', 'twilio'] },
  summary:
    'Places an outbound call through Twilio from one of the organization’s numbers (an AGENT’s call is hers). Send an `Idempotency-Key` header to make retries safe: a retry answers the same call (200)',
  request: {
    body: z.object({
      from_number: phone,
      to_number: phone,
      direction: z.literal('OUTBOUND'),
      campaign_id: optionalId,
      contact_id: optionalId,
    }),
  },
  responses: {
    201: ok('The call, QUEUED, with its Twilio CallSid', callSchema),
    200: ok('The call an earlier request with the same Idempotency-Key placed', callSchema),
    ...signedIn(),
    404: failure('agent_not_found: the AGENT placing the call has no agent profile'),
    409: failure('agent_at_capacity, request_in_progress (the same Idempotency-Key, still being placed), twilio_refused'),
    422: failure('Validation error: numbers not E.164, from_number not one of the organization’s numbers'),
    500: failure('Twilio could not be reached: no call was placed, and the same Idempotency-Key may be sent again'),
  },
});

export const getCallRoute = kralikiRoute({
  method: 'GET',
  path: '/api/calls/{call_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/get-call.ts',
  access: read,
  summary: 'One call of the organization (an AGENT: one of hers)',
  request: byId,
  responses: { 200: ok('The call', callSchema), ...signedIn(), 404: notFoundInOrg('call') },
  objectIds: callId,
});

export const updateCallRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/calls/{call_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/update-call.ts',
  access: { secrets: ['auth'], sendsTo: [queues.callWork] },
  summary:
    'Changes a call’s notes and disposition (its agent or a supervisor), or assigns an agent by user id (SUPERVISOR or ADMIN; a call in progress then dials her in)',
  request: {
    ...byId,
    body: z.object({ agent_id: z.optional(id), notes: text(4000), disposition: text(200) }),
  },
  responses: {
    200: ok('The call as changed', callSchema),
    ...signedIn(),
    403: failure('account_inactive, or supervisor_required: only a SUPERVISOR or ADMIN assigns agents'),
    404: failure('call_not_found, or agent_not_found: the user has no agent profile in the organization'),
    409: failure('call_finished, agent_connected (the agent is being or was dialled in), agent_at_capacity, concurrent_update'),
  },
  objectIds: [...callId, { object: 'agent (user)', from: 'body', field: 'agent_id', owner: 'tenant' }],
});

export const deleteCallRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/calls/{call_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/delete-call.ts',
  access: { secrets: ['auth'] },
  summary: 'Deletes a finished call and its transcripts (SUPERVISOR or ADMIN)',
  request: byId,
  responses: {
    200: ok('Deleted', z.object({ success: z.boolean(), message: z.string() })),
    ...signedIn('SUPERVISOR or ADMIN'),
    404: notFoundInOrg('call'),
    409: failure('call_active: the call has not ended; call_finishing: its agent is still being released'),
  },
  objectIds: callId,
});

export const endCallRoute = kralikiRoute({
  method: 'POST',
  path: '/api/calls/{call_id}/end',
  auth: 'jwt',
  handler: 'functions/kraliki/calls/end-call.ts',
  access: { secrets: ['auth', 'twilio'], sendsTo: [queues.callWork] },
  summary: 'Ends a call through Twilio (`Status=completed`); it is COMPLETED at once (its agent or a supervisor)',
  request: byId,
  responses: {
    200: ok('The call, ended', callSchema),
    ...signedIn(),
    404: notFoundInOrg('call'),
    409: failure('call_finished, call_not_placed, twilio_refused'),
  },
  objectIds: callId,
});
