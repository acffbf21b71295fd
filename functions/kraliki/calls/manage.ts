/**
 * The calls API over the call store (calls.ts): listing, reading, assigning an
 * agent, notes and disposition, deleting, ending; placing outbound calls is in
 * outbound.ts. Every key is in the caller's organization (another's id: 404);
 * an AGENT sees and works only the calls assigned to her (others: 404), a
 * SUPERVISOR or ADMIN every call of the organization.
 *
 * A call's agent is named by her user id, as in the reference (whose calls
 * reference users) and the agents' day totals. Assigning takes one unit of her
 * capacity (`current_load`, through `updateAgent`, refused at capacity);
 * reassigning gives the previous agent's back; the call-finished job gives it
 * back when the call ends (agent-leg.ts). Once she is being dialled in, the
 * call's agent is no longer changed (409 `agent_connected`: transfer it instead).
 */
import { conflict } from '#shared/errors';
import { batchWrite } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { agentOfUser, updateAgent } from '../agents/agents.ts';
import { type AnalysedCall, analysisView } from '../ai/call-analysis.ts';
import { type Caller, isSupervisor } from '../auth/roles.ts';
import { notFoundError, supervisorRequired } from '../errors.ts';
import { CALL_PREFIX, callKey, callSidKey, callTranscriptsPrefix, orgPartition } from '../keys.ts';
import { afterAssignment, afterStatusChange } from './call-jobs.ts';
import { type CallStatus, isFinal } from './call-status.ts';
import { advanceCall, type CallRecord } from './calls.ts';
import { twilio, twilioRequest } from './twilio-client.ts';
import { callStatusEvent, publishLiveEvent } from '../live/live.ts';

/** A call as the API shows it. */
export function callView(call: CallRecord) {
  return {
    id: call.id,
    organization_id: call.organization_id,
    twilio_call_sid: call.twilio_call_sid ?? null,
    from_number: call.from_number,
    to_number: call.to_number,
    direction: call.direction,
    status: call.status,
    provider: call.provider,
    agent_id: call.agent_id ?? null,
    agent_call_sid: call.agent_call_sid ?? null,
    supervisor_id: call.supervisor_id ?? null,
    campaign_id: call.campaign_id ?? null,
    contact_id: call.contact_id ?? null,
    start_time: call.start_time,
    end_time: call.end_time ?? null,
    duration: call.duration ?? null,
    recording_url: call.recording_url ?? null,
    disposition: call.disposition ?? null,
    notes: call.notes ?? null,
    ivr: call.ivr ?? null,
    ai: analysisView((call as AnalysedCall).ai),
    created_at: call.created_at,
    updated_at: call.updated_at,
  };
}
export type CallView = ReturnType<typeof callView>;

export const callNotFound = () => notFoundError('Call');

/** Every call of the organization (one Query of its partition), newest first. */
export async function orgCalls(orgId: string): Promise<CallRecord[]> {
  const calls = await queryAll<CallRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CALL_PREFIX } }));
  return calls.sort((a, b) => b.start_time.localeCompare(a.start_time) || b.id.localeCompare(a.id));
}

export interface CallFilters {
  page: number;
  page_size: number;
  call_status?: CallStatus;
  agent_id?: string;
}

export async function listCalls(caller: Caller, filters: CallFilters) {
  const all = await orgCalls(caller.organizationId);
  const visible = all.filter(
    (call) =>
      (isSupervisor(caller) || call.agent_id === caller.userId) &&
      (!filters.call_status || call.status === filters.call_status) &&
      (!filters.agent_id || call.agent_id === filters.agent_id),
  );
  const start = (filters.page - 1) * filters.page_size;
  return {
    items: visible.slice(start, start + filters.page_size).map(callView),
    total: visible.length,
    page: filters.page,
    page_size: filters.page_size,
    has_more: visible.length > filters.page * filters.page_size,
  };
}

/** The call, if the caller may see it: any of the organization's for a supervisor, her own for an agent. */
export async function requireCall(caller: Caller, callId: string): Promise<CallRecord> {
  const call = await table.get<CallRecord>(callKey(caller.organizationId, callId), { consistent: true });
  if (!call || (!isSupervisor(caller) && call.agent_id !== caller.userId)) throw callNotFound();
  return call;
}

/** Takes one unit of the agent's (user id) capacity; 404 without an agent profile, 409 at capacity. */
export async function takeAgent(orgId: string, userId: string): Promise<void> {
  const agent = await agentOfUser(orgId, userId);
  if (!agent) throw notFoundError('Agent');
  await updateAgent(orgId, agent.id, (stored) => {
    if (stored.current_load >= stored.max_capacity) throw conflict('agent_at_capacity', 'Agent has no capacity left');
    return { current_load: stored.current_load + 1 };
  });
}

/** Gives back one unit of the agent's capacity (never below zero). */
export async function giveBackAgent(orgId: string, userId: string): Promise<void> {
  const agent = await agentOfUser(orgId, userId);
  if (agent) await updateAgent(orgId, agent.id, (stored) => ({ current_load: Math.max(0, stored.current_load - 1) }));
}

export interface CallChanges {
  agent_id?: string;
  notes?: string | null;
  disposition?: string | null;
}

export async function updateCall(caller: Caller, callId: string, changes: CallChanges): Promise<CallView> {
  const orgId = caller.organizationId;
  let call = await requireCall(caller, callId);
  if (changes.agent_id !== undefined && changes.agent_id !== call.agent_id) {
    if (!isSupervisor(caller)) throw supervisorRequired();
    if (isFinal(call.status)) throw conflict('call_finished', 'Call has already ended');
    if (call.agent_call_sid || call.agent_dial_claim)
      throw conflict('agent_connected', 'The agent is already being connected to the call; transfer it instead');
    await takeAgent(orgId, changes.agent_id);
    const previous = call.agent_id;
    const assigned = await table.update<CallRecord>(callKey(orgId, callId), 'SET agent_id = :agent, updated_at = :now', {
      condition: `attribute_exists(pk) AND status_rank < :final AND attribute_not_exists(agent_dial_claim) AND ${previous ? 'agent_id = :previous' : '(attribute_not_exists(agent_id) OR attribute_type(agent_id, :null))'}`,
      values: { ':agent': changes.agent_id, ':now': new Date().toISOString(), ':final': 3, ...(previous ? { ':previous': previous } : { ':null': 'NULL' }) },
      returning: 'new',
    });
    if (!assigned) {
      await giveBackAgent(orgId, changes.agent_id);
      throw conflict('concurrent_update', 'The call changed meanwhile, try again');
    }
    if (previous) await giveBackAgent(orgId, previous);
    call = assigned;
    logger.info('call assigned', { callId, agentId: changes.agent_id });
    await afterAssignment(call);
  }
  const sets: string[] = [];
  const values: Record<string, unknown> = {};
  for (const field of ['notes', 'disposition'] as const) {
    if (changes[field] === undefined) continue;
    sets.push(`${field} = :${field}`);
    values[`:${field}`] = changes[field];
  }
  if (sets.length) {
    const updated = await table.update<CallRecord>(callKey(orgId, callId), `SET ${sets.join(', ')}, updated_at = :now`, {
      condition: 'attribute_exists(pk)',
      values: { ...values, ':now': new Date().toISOString() },
      returning: 'new',
    });
    if (!updated) throw callNotFound();
    call = updated;
  }
  return callView(call);
}

/** Deletes a finished call with its transcripts (SUPERVISOR or ADMIN); a call not finished → 409. */
export async function deleteCall(caller: Caller, callId: string): Promise<void> {
  const orgId = caller.organizationId;
  const call = await requireCall(caller, callId);
  if (!isFinal(call.status)) throw conflict('call_active', 'Only a finished call can be deleted; end it first');
  // Its agent is released from the call item (agent-leg.ts): the item stays until that is done.
  if (call.agent_id && call.agent_release_step !== 'released') throw conflict('call_finishing', 'The call’s agent is still being released; try again shortly');
  const transcripts = await queryAll<{ pk: string; sk: string }>({
    ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: callTranscriptsPrefix(callId) } }),
    ProjectionExpression: 'pk, sk',
  });
  await batchWrite({
    deletes: [callKey(orgId, callId), ...(call.twilio_call_sid ? [callSidKey(call.twilio_call_sid)] : []), ...transcripts.map(({ pk, sk }) => ({ pk, sk }))],
  });
  logger.info('call deleted', { callId });
}

/**
 * Ends a call: Twilio's update `Status=completed` on the customer's leg, then the call is
 * COMPLETED here at once (the status callback that follows changes nothing). A finished
 * call → 409 `call_finished`; one Twilio has not placed yet → 409 `call_not_placed`.
 */
export async function endCall(caller: Caller, call: CallRecord): Promise<CallView> {
  if (isFinal(call.status)) throw conflict('call_finished', 'Call has already ended');
  const sid = call.twilio_call_sid;
  if (!sid) throw conflict('call_not_placed', 'Twilio has not placed this call yet');
  const client = await twilio();
  await twilioRequest('end the call', () => client.calls(sid).update({ status: 'completed' }));
  const ref = { organizationId: caller.organizationId, callId: call.id };
  const changed = await advanceCall(ref, 'COMPLETED');
  if (changed) {
    await afterStatusChange(changed);
    await publishLiveEvent(caller.organizationId, callStatusEvent(changed));
  }
  logger.info('call ended through the API', { callId: call.id, by: caller.userId });
  return callView(changed ?? (await requireCall(caller, call.id)));
}
