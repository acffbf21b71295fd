/** /api/supervisor: live calls, summaries, and joining a call's conference to monitor, whisper or barge in (SUPERVISOR or ADMIN). */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { callSchema } from '../calls/calls.route.ts';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { queues } from '../resources.ts';

const callId: ObjectId[] = [{ object: 'call', from: 'path', field: 'call_id', owner: 'tenant' }];
const supervisors = signedIn('SUPERVISOR or ADMIN');
const read = { table: 'read' as const, secrets: ['auth' as const] };
const act = { secrets: ['auth' as const, 'twilio' as const] };
const notActive = failure('call_not_active: the call is not IN_PROGRESS (nothing was sent to Twilio); twilio_refused');
const joinBody = z.optional(
  z.object({
    /** Where the supervisor's phone rings (E.164); her Twilio client (`client:<user id>`) otherwise. */
    phone_number: z.optional(z.string().check(z.minLength(3), z.maxLength(32))),
  }),
);
const joined = z.object({ success: z.boolean(), call_id: z.string(), conference: z.string(), participant_call_sid: z.string(), message: z.string() });

export const activeCallsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/supervisor/active-calls',
  auth: 'jwt',
  handler: 'functions/kraliki/supervisor/active-calls.ts',
  access: read,
  summary: 'The organization’s calls IN_PROGRESS, newest first',
  request: {},
  responses: { 200: ok('The calls', z.object({ calls: z.array(callSchema), total: z.number() })), ...supervisors },
});

export const callSummaryRoute = kralikiRoute({
  method: 'GET',
  path: '/api/supervisor/calls/{call_id}/summary',
  auth: 'jwt',
  handler: 'functions/kraliki/supervisor/call-summary.ts',
  access: read,
  summary: 'A call with its transcripts, keywords, and the analysis of its transcripts (sentiment, summary, agent suggestions; null and empty until analysed)',
  request: { params: z.object({ call_id: id }) },
  responses: {
    200: ok(
      'The summary',
      z.object({
        call_id: z.string(),
        agent_id: z.nullable(z.string()),
        from_number: z.string(),
        to_number: z.string(),
        status: z.string(),
        direction: z.string(),
        duration_sec: z.number(),
        total_exchanges: z.number(),
        first_utterance: z.string(),
        last_utterance: z.string(),
        keywords: z.array(z.object({ word: z.string(), count: z.number() })),
        sentiment: z.nullable(z.string()),
        summary: z.nullable(z.string()),
        suggestions: z.array(z.string()),
        analyzed_at: z.nullable(z.string()),
        transcripts: z.array(z.object({ role: z.string(), content: z.string(), timestamp: z.string() })),
      }),
    ),
    ...supervisors,
    404: notFoundInOrg('call'),
  },
  objectIds: callId,
});

const joinRoute = (action: 'monitor' | 'whisper' | 'barge-in', summary: string) =>
  kralikiRoute({
    method: 'POST',
    path: `/api/supervisor/calls/{call_id}/${action}`,
    auth: 'jwt',
    handler: `functions/kraliki/supervisor/${action}.ts`,
    access: act,
    summary,
    request: { params: z.object({ call_id: id }), body: joinBody },
    responses: {
      200: ok('The supervisor’s participant in the call’s conference', joined),
      ...supervisors,
      404: notFoundInOrg('call'),
      409: action === 'whisper' ? failure('call_not_active, agent_not_connected (no agent leg to coach yet), twilio_refused') : notActive,
      422: failure('Validation error: phone_number not E.164'),
    },
    objectIds: callId,
  });

export const monitorRoute = joinRoute('monitor', 'Joins the call’s conference muted, listening (sets supervisor_id)');
export const whisperRoute = joinRoute('whisper', 'Speaks to the agent only: the supervisor’s participant coaches the agent’s leg, unmuted');
export const bargeInRoute = joinRoute('barge-in', 'Speaks to everyone: the supervisor’s participant stops coaching, unmuted');

export const endRoute = kralikiRoute({
  method: 'POST',
  path: '/api/supervisor/calls/{call_id}/end',
  auth: 'jwt',
  handler: 'functions/kraliki/supervisor/end.ts',
  access: { ...act, sendsTo: [queues.callWork] },
  summary: 'Ends an IN_PROGRESS call through Twilio (`Status=completed`)',
  request: { params: z.object({ call_id: id }) },
  responses: { 200: ok('Ended', z.object({ success: z.boolean(), message: z.string() })), ...supervisors, 404: notFoundInOrg('call'), 409: notActive },
  objectIds: callId,
});
