/**
 * The agent's side of a call: customer and agent meet in the conference named
 * after the call (`call-<id>`, names.ts), where the customer's leg already is
 * (an outbound call joins it when answered, an inbound one from the IVR).
 *
 * Dialling: the consumer claims the dial on the call item with a conditional
 * write (the call in progress, the same agent, no claim yet or this very
 * message's), so a second job for the call (a replayed or late `in-progress`
 * callback) changes nothing and never reaches Twilio. A redelivery of the same
 * message (the consumer failed after claiming) may try again. The agent's leg
 * (`agent_call_sid`) is stored once Twilio answers.
 *
 * The agent is reached at her agent profile's `metadata.phone_number` (E.164) if
 * set, otherwise at her Twilio Voice SDK client, identity = her user id
 * (`client:<user id>`). The call comes from the organization's number on the
 * call (`from_number` of an outbound call, `to_number` of an inbound one).
 *
 * Finishing: the release is claimed the same way; the call is counted once in
 * her day's totals (`recordAgentCall`), then her load is given back through
 * `updateAgent`, each step marked on the call so a redelivery does not repeat it.
 */
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { agentOfUser, updateAgent } from '../agents/agents.ts';
import { recordAgentCall } from '../agents/stats.ts';
import { callKey } from '../keys.ts';
import type { CallRecord } from './calls.ts';
import { conferenceNameOf } from './names.ts';
import { twilio, twilioRequest } from './twilio-client.ts';

/** The number the organization calls people from on this call. */
export const orgNumberOf = (call: CallRecord): string => (call.direction === 'OUTBOUND' ? call.from_number : call.to_number);

/** Where a user's phone rings: an E.164 number given, else her Twilio client. */
export const reachOf = (userId: string, phoneNumber?: string | null): string => phoneNumber || `client:${userId}`;

export async function dialAgent(organizationId: string, callId: string, claim: string): Promise<void> {
  const call = await table.get<CallRecord>(callKey(organizationId, callId), { consistent: true });
  if (!call?.agent_id || call.agent_call_sid) {
    logger.info('agent dial not needed', { callId, assigned: Boolean(call?.agent_id), dialled: Boolean(call?.agent_call_sid) });
    return;
  }
  const claimed = await table.update(callKey(organizationId, callId), 'SET agent_dial_claim = :claim', {
    condition: 'attribute_exists(pk) AND #status = :progress AND agent_id = :agent AND (attribute_not_exists(agent_dial_claim) OR agent_dial_claim = :claim)',
    names: { '#status': 'status' },
    values: { ':claim': claim, ':progress': 'IN_PROGRESS', ':agent': call.agent_id },
  });
  if (!claimed) {
    logger.info('agent dial already claimed, or the call moved on', { callId });
    return;
  }
  const agent = await agentOfUser(organizationId, call.agent_id);
  const phone = typeof agent?.metadata?.phone_number === 'string' ? agent.metadata.phone_number : null;
  const client = await twilio();
  const participant = await twilioRequest('dial the agent', () =>
    client.conferences(conferenceNameOf(callId)).participants.create({
      from: orgNumberOf(call),
      to: reachOf(call.agent_id!, phone),
      label: 'agent',
      startConferenceOnEnter: true,
      endConferenceOnExit: false,
    }),
  );
  await table.update(callKey(organizationId, callId), 'SET agent_call_sid = :sid, updated_at = :now', {
    condition: 'attribute_exists(pk)',
    values: { ':sid': participant.callSid, ':now': new Date().toISOString() },
  });
  logger.info('agent dialled into the conference', { callId, agentLeg: participant.callSid });
}

export async function releaseAgent(organizationId: string, callId: string, claim: string): Promise<void> {
  const call = await table.get<CallRecord>(callKey(organizationId, callId), { consistent: true });
  if (!call?.agent_id) return;
  const claimed = await table.update<CallRecord>(callKey(organizationId, callId), 'SET agent_release_claim = :claim', {
    condition:
      'attribute_exists(pk) AND status_rank = :final AND agent_id = :agent AND (attribute_not_exists(agent_release_claim) OR agent_release_claim = :claim)',
    values: { ':claim': claim, ':final': 3, ':agent': call.agent_id },
    returning: 'new',
  });
  if (!claimed) {
    logger.info('agent release already claimed, or the call is not finished', { callId });
    return;
  }
  const userId = call.agent_id;
  if (!claimed.agent_release_step) {
    await recordAgentCall(organizationId, userId, {
      completed: claimed.status === 'COMPLETED',
      durationSeconds: claimed.duration ?? 0,
      startedAt: new Date(claimed.start_time),
    });
    await table.update(callKey(organizationId, callId), 'SET agent_release_step = :step', { values: { ':step': 'recorded' } });
  }
  if (claimed.agent_release_step !== 'released') {
    const agent = await agentOfUser(organizationId, userId);
    if (agent) await updateAgent(organizationId, agent.id, (stored) => ({ current_load: Math.max(0, stored.current_load - 1) }));
    await table.update(callKey(organizationId, callId), 'SET agent_release_step = :step', { values: { ':step': 'released' } });
  }
  logger.info('agent released from a finished call', { callId, status: claimed.status });
}
