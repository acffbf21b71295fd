/**
 * The call store, as far as Twilio's webhooks write it: an inbound call's
 * record (created when Twilio asks how to answer), its status, its recording
 * and its transcripts. A call is found from Twilio's `CallSid` through a
 * sentinel item naming its organization (keys.ts), written in the same
 * transaction as the call, so a retried answer request finds the call it
 * already created instead of making a second one.
 *
 * Every write is idempotent under Twilio's retries and reorderings:
 * - a status write is conditional on the stored stage being lower (call-status.ts),
 *   so a replayed or late callback changes nothing and a finished call stays finished;
 * - a recording sets the same attributes again;
 * - a transcript is an item keyed by its `TranscriptionSid`, put only if absent.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { callKey, callSidKey, callTranscriptKey } from '../keys.ts';
import { type CallDirection, type CallStatus, isFinal, stageOf } from './call-status.ts';

/** A call as stored (and as the calls API shows it, without the key attributes). */
export interface CallRecord {
  id: string;
  organization_id: string;
  /** Null only while an outbound create waits for Twilio's answer. */
  twilio_call_sid: string | null;
  from_number: string;
  to_number: string;
  direction: CallDirection;
  status: CallStatus;
  status_rank: number;
  provider: 'TWILIO';
  agent_id: string | null;
  supervisor_id: string | null;
  campaign_id: string | null;
  contact_id: string | null;
  start_time: string;
  end_time: string | null;
  duration: number | null;
  recording_url: string | null;
  recording_sid: string | null;
  disposition: string | null;
  notes: string | null;
  /** What the caller chose in the IVR: the menu she answered and the option taken. */
  ivr: { menu_id: string | null; digit: string | null; action: string | null; target: string | null } | null;
  created_at: string;
  updated_at: string;
  /** The agent's leg in the call's conference, once she was dialled in (agent-leg.ts). */
  agent_call_sid?: string | null;
  /** The supervising user's leg in the conference (supervisor actions). */
  supervisor_call_sid?: string | null;
  /** Claims of the call's queued work (agent-leg.ts): the SQS message that dials the agent, and the one releasing her. */
  agent_dial_claim?: string;
  agent_release_claim?: string;
  agent_release_step?: 'recorded' | 'released';
}

export interface TranscriptRecord {
  id: string;
  call_id: string;
  role: 'USER';
  content: string;
  timestamp: string;
  twilio_sid: string;
  recording_sid: string | null;
}

/** Where a call lives: what the CallSid sentinel names. */
export interface CallRef {
  organizationId: string;
  callId: string;
}

export async function findCallRef(callSid: string): Promise<CallRef | undefined> {
  const sentinel = await table.get<{ organization_id: string; call_id: string }>(callSidKey(callSid), { consistent: true });
  return sentinel && { organizationId: sentinel.organization_id, callId: sentinel.call_id };
}

export const getCall = (ref: CallRef): Promise<CallRecord | undefined> => table.get<CallRecord>(callKey(ref.organizationId, ref.callId), { consistent: true });

export interface InboundCall {
  organizationId: string;
  callSid: string;
  from: string;
  to: string;
  status: CallStatus;
}

/** The call Twilio is asking about, created on its first answer request; `created` is false on a retry. */
export async function createInboundCall(input: InboundCall): Promise<{ call: CallRecord; created: boolean }> {
  const now = new Date().toISOString();
  const call: CallRecord = {
    id: randomUUID(),
    organization_id: input.organizationId,
    twilio_call_sid: input.callSid,
    from_number: input.from,
    to_number: input.to,
    direction: 'INBOUND',
    status: input.status,
    status_rank: stageOf(input.status),
    provider: 'TWILIO',
    agent_id: null,
    supervisor_id: null,
    campaign_id: null,
    contact_id: null,
    start_time: now,
    end_time: null,
    duration: null,
    recording_url: null,
    recording_sid: null,
    disposition: null,
    notes: null,
    ivr: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await transact([
      { Put: { Item: { ...callKey(input.organizationId, call.id), ...call } } },
      {
        Put: {
          Item: { ...callSidKey(input.callSid), organization_id: input.organizationId, call_id: call.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        conflictCode: 'call_exists',
      },
    ]);
    return { call, created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== 'call_exists') throw error;
    const ref = await findCallRef(input.callSid);
    const existing = ref && (await getCall(ref));
    if (!existing) throw error;
    return { call: existing, created: false };
  }
}

/** Attempts of a status write that met the call item inside another request's transaction. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Moves the call to `status` if that is forward of where it is; the call as changed, or
 * undefined when nothing changed (a replay, a late callback, a finished call). DynamoDB
 * refuses a write to an item another request is changing in a transaction
 * (TransactionConflictException, which the SDK does not retry): Twilio's first callbacks of
 * an outbound call can arrive while the request that placed it stores its sid with the call,
 * so the write is tried again after a short, random pause; its condition keeps it idempotent.
 */
export async function advanceCall(ref: CallRef, status: CallStatus, details: { durationSeconds?: number } = {}): Promise<CallRecord | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeStatus(ref, status, details);
    } catch (error) {
      if ((error as Error).name !== 'TransactionConflictException' || attempt === CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

function writeStatus(ref: CallRef, status: CallStatus, details: { durationSeconds?: number }): Promise<CallRecord | undefined> {
  const now = new Date().toISOString();
  const sets = ['#status = :status', 'status_rank = :rank', 'updated_at = :now'];
  const values: Record<string, unknown> = { ':status': status, ':rank': stageOf(status), ':now': now };
  if (isFinal(status)) {
    sets.push('end_time = :now');
    if (details.durationSeconds !== undefined) {
      sets.push('#duration = :duration');
      values[':duration'] = details.durationSeconds;
    }
  }
  return table.update<CallRecord>(callKey(ref.organizationId, ref.callId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk) AND status_rank < :rank',
    names: { '#status': 'status', ...(sets.some((s) => s.startsWith('#duration')) ? { '#duration': 'duration' } : {}) },
    values,
    returning: 'new',
  });
}

/** Attaches a finished recording; the same recording again changes nothing. */
export async function attachRecording(ref: CallRef, recording: { sid: string; url: string }): Promise<boolean> {
  return table.update(callKey(ref.organizationId, ref.callId), 'SET recording_url = :url, recording_sid = :sid, updated_at = :now', {
    condition: 'attribute_exists(pk)',
    values: { ':url': recording.url, ':sid': recording.sid, ':now': new Date().toISOString() },
  });
}

/** Adds a transcript unless one with this TranscriptionSid is there already; true when added. */
export async function addTranscript(ref: CallRef, transcript: { sid: string; text: string; recordingSid?: string }): Promise<boolean> {
  const record: TranscriptRecord = {
    id: transcript.sid,
    call_id: ref.callId,
    role: 'USER',
    content: transcript.text,
    timestamp: new Date().toISOString(),
    twilio_sid: transcript.sid,
    recording_sid: transcript.recordingSid ?? null,
  };
  return table.put({ ...callTranscriptKey(ref.organizationId, ref.callId, transcript.sid), ...record }, { condition: 'attribute_not_exists(pk)' });
}

/** Notes what the caller chose in the IVR. */
export async function recordIvrChoice(ref: CallRef, choice: NonNullable<CallRecord['ivr']>): Promise<void> {
  await table.update(callKey(ref.organizationId, ref.callId), 'SET ivr = :ivr, updated_at = :now', {
    condition: 'attribute_exists(pk)',
    values: { ':ivr': choice, ':now': new Date().toISOString() },
  });
}
