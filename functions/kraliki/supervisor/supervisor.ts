/**
 * Supervising calls through Twilio Conferences. Customer and agent sit in the
 * conference named after the call (`call-<id>`); the supervisor joins it as a
 * participant of her own:
 * - monitor: she is added muted (she hears both sides, nobody hears her);
 * - whisper: her participant coaches the agent (`Coaching=true`,
 *   `CallSidToCoach` = the agent's leg) unmuted: only the agent hears her;
 * - barge-in: her participant stops coaching and is unmuted: everyone hears her;
 * - end: the customer's call is completed through Twilio.
 * Whisper and barge-in update the supervisor's participant if she is already
 * in the conference (she monitored it), and add it in that state otherwise.
 *
 * Every action is for a SUPERVISOR or ADMIN of the call's organization (the
 * route's authenticator) on an IN_PROGRESS call (else 409 `call_not_active`),
 * and every check runs before anything is sent to Twilio, so a refused action
 * never reaches it. Whisper needs the agent's leg (409 `agent_not_connected`
 * until she was dialled in).
 *
 * The supervisor's phone: `phone_number` in the request body (E.164) if given,
 * otherwise her Twilio Voice SDK client (`client:<user id>`), as the agents'.
 */
import { conflict, invalid } from '#shared/errors';
import * as table from '#shared/db/table';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { logger } from '#shared/observability/logger';
import type { AnalysedCall } from '../ai/call-analysis.ts';
import type { Caller } from '../auth/roles.ts';
import { orgNumberOf, reachOf } from '../calls/agent-leg.ts';
import type { CallRecord, TranscriptRecord } from '../calls/calls.ts';
import { type CallView, callView, endCall, orgCalls, requireCall } from '../calls/manage.ts';
import { conferenceNameOf } from '../calls/names.ts';
import { twilio, twilioRequest } from '../calls/twilio-client.ts';
import { callKey, callTranscriptsPrefix, orgPartition } from '../keys.ts';
import { toE164 } from '../settings/phone-numbers.ts';

export async function activeCalls(caller: Caller): Promise<{ calls: CallView[]; total: number }> {
  const calls = (await orgCalls(caller.organizationId)).filter((call) => call.status === 'IN_PROGRESS').map(callView);
  return { calls, total: calls.length };
}

const KEYWORDS = ['refund', 'cancel', 'order', 'issue', 'account', 'payment', 'price', 'help', 'support'];

/** The call with its transcripts, oldest first; `sentiment`, `summary` and `suggestions` as the queued analysis stored them (ai/analysis.ts), null and empty until there is one. */
export async function callSummary(caller: Caller, callId: string) {
  const call = await requireCall(caller, callId);
  const transcripts = (
    await queryAll<TranscriptRecord>(keyQuery({ pk: orgPartition(caller.organizationId), sk: { beginsWith: callTranscriptsPrefix(callId) } }))
  ).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const text = transcripts.map((t) => t.content.toLowerCase()).join(' ');
  const keywords = KEYWORDS.map((word) => ({ word, count: text.split(word).length - 1 }))
    .filter((k) => k.count > 0)
    .sort((a, b) => b.count - a.count);
  const started = Date.parse(call.start_time);
  const ended = call.end_time ? Date.parse(call.end_time) : Number.NaN;
  const { ai } = call as AnalysedCall;
  return {
    call_id: call.id,
    agent_id: call.agent_id ?? null,
    from_number: call.from_number,
    to_number: call.to_number,
    status: call.status,
    direction: call.direction,
    duration_sec: call.duration ?? (Number.isFinite(ended) ? Math.max(0, Math.round((ended - started) / 1000)) : 0),
    total_exchanges: transcripts.length,
    first_utterance: transcripts[0]?.content ?? '',
    last_utterance: transcripts.at(-1)?.content ?? '',
    keywords: keywords.slice(0, 10),
    sentiment: ai?.sentiment ?? null,
    summary: ai?.summary ?? null,
    suggestions: ai?.suggestions ?? [],
    analyzed_at: ai?.analyzed_at ?? null,
    transcripts: transcripts.map((t) => ({ role: t.role, content: t.content, timestamp: t.timestamp })),
  };
}

/** The call, if it may be supervised now: IN_PROGRESS, else 409. */
async function liveCall(caller: Caller, callId: string): Promise<CallRecord> {
  const call = await requireCall(caller, callId);
  if (call.status !== 'IN_PROGRESS') throw conflict('call_not_active', 'Call is not active');
  return call;
}

function supervisorPhone(caller: Caller, phoneNumber: string | undefined): string {
  if (phoneNumber === undefined) return reachOf(caller.userId);
  const e164 = toE164(phoneNumber);
  if (!e164) throw invalid([{ field: 'phone_number', reason: 'invalid_phone_number', message: 'phone_number must be a valid international number (E.164)' }]);
  return e164;
}

type Mode = 'monitor' | 'whisper' | 'barge';
const PARTICIPANT: Record<Mode, (agentLeg: string | null) => { muted: boolean; coaching?: boolean; callSidToCoach?: string }> = {
  monitor: () => ({ muted: true }),
  whisper: (agentLeg) => ({ muted: false, coaching: true, callSidToCoach: agentLeg! }),
  barge: () => ({ muted: false, coaching: false }),
};

/** Puts the caller's participant in the call's conference in `mode`: added, or updated if she is there already. */
async function join(caller: Caller, callId: string, mode: Mode, phoneNumber: string | undefined): Promise<{ call: CallRecord; participantSid: string }> {
  const call = await liveCall(caller, callId);
  if (mode === 'whisper' && !call.agent_call_sid) throw conflict('agent_not_connected', 'The agent is not in the call yet: nobody to whisper to');
  const to = supervisorPhone(caller, phoneNumber);
  const state = PARTICIPANT[mode](call.agent_call_sid ?? null);
  const conference = conferenceNameOf(call.id);
  const client = await twilio();
  const existing = call.supervisor_id === caller.userId ? call.supervisor_call_sid : null;
  let participantSid: string;
  if (existing) {
    await twilioRequest('update the supervisor in the conference', () => client.conferences(conference).participants(existing).update(state));
    participantSid = existing;
  } else {
    const created = await twilioRequest('add the supervisor to the conference', () =>
      client.conferences(conference).participants.create({ from: orgNumberOf(call), to, label: 'supervisor', ...state }),
    );
    participantSid = created.callSid;
  }
  const updated = await table.update<CallRecord>(
    callKey(caller.organizationId, call.id),
    'SET supervisor_id = :user, supervisor_call_sid = :sid, updated_at = :now',
    {
      condition: 'attribute_exists(pk)',
      values: { ':user': caller.userId, ':sid': participantSid, ':now': new Date().toISOString() },
      returning: 'new',
    },
  );
  logger.info('supervisor joined the call', { callId: call.id, mode, supervisorLeg: participantSid, added: !existing });
  return { call: updated ?? call, participantSid };
}

export async function monitor(caller: Caller, callId: string, phoneNumber?: string) {
  const { call, participantSid } = await join(caller, callId, 'monitor', phoneNumber);
  return { success: true, call_id: call.id, conference: conferenceNameOf(call.id), participant_call_sid: participantSid, message: 'Monitoring started' };
}

export async function whisper(caller: Caller, callId: string, phoneNumber?: string) {
  const { call, participantSid } = await join(caller, callId, 'whisper', phoneNumber);
  return { success: true, call_id: call.id, conference: conferenceNameOf(call.id), participant_call_sid: participantSid, message: 'Whispering to the agent' };
}

export async function bargeIn(caller: Caller, callId: string, phoneNumber?: string) {
  const { call, participantSid } = await join(caller, callId, 'barge', phoneNumber);
  return { success: true, call_id: call.id, conference: conferenceNameOf(call.id), participant_call_sid: participantSid, message: 'Barge-in started' };
}

export async function endSupervisedCall(caller: Caller, callId: string) {
  const call = await liveCall(caller, callId);
  await endCall(caller, call);
  return { success: true, message: 'Call ended' };
}
