/**
 * Call control through the Conference Participants API, on the conference
 * named after the call (`call-<id>`):
 * - hold / unhold: the customer's leg (`Hold=true|false`); the call is ON_HOLD
 *   meanwhile (IN_PROGRESS ↔ ON_HOLD, one stage, so status callbacks leave it);
 * - mute / unmute: the agent's leg (`Muted=true|false`): the agent's microphone;
 * - transfer (SUPERVISOR or ADMIN): the number `to` is added to the conference;
 *   a blind transfer then removes the agent's leg, an attended one keeps her.
 * Only a call IN_PROGRESS or ON_HOLD (else 409 `call_not_active`), checked
 * before anything is sent to Twilio. An AGENT acts only on her own calls (others
 * are not found); supervisors on any of the organization's.
 */
import { conflict, invalid } from '#shared/errors';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { orgNumberOf } from '../calls/agent-leg.ts';
import type { CallRecord } from '../calls/calls.ts';
import { requireCall } from '../calls/manage.ts';
import { conferenceNameOf } from '../calls/names.ts';
import { twilio, twilioRequest } from '../calls/twilio-client.ts';
import { callKey } from '../keys.ts';
import { toE164 } from '../settings/phone-numbers.ts';

async function activeCall(caller: Caller, callId: string): Promise<CallRecord> {
  const call = await requireCall(caller, callId);
  if (call.status !== 'IN_PROGRESS' && call.status !== 'ON_HOLD') throw conflict('call_not_active', 'Call is not active');
  return call;
}

function customerLeg(call: CallRecord): string {
  if (!call.twilio_call_sid) throw conflict('call_not_placed', 'Twilio has not placed this call yet');
  return call.twilio_call_sid;
}

function agentLeg(call: CallRecord): string {
  if (!call.agent_call_sid) throw conflict('agent_not_connected', 'The agent is not in the call yet');
  return call.agent_call_sid;
}

async function setStatus(caller: Caller, call: CallRecord, from: 'IN_PROGRESS' | 'ON_HOLD', to: 'IN_PROGRESS' | 'ON_HOLD'): Promise<void> {
  await table.update(callKey(caller.organizationId, call.id), 'SET #status = :to, updated_at = :now', {
    condition: 'attribute_exists(pk) AND #status = :from',
    names: { '#status': 'status' },
    values: { ':to': to, ':from': from, ':now': new Date().toISOString() },
  });
}

export async function hold(caller: Caller, callId: string, onHold: boolean) {
  const call = await activeCall(caller, callId);
  const leg = customerLeg(call);
  const client = await twilio();
  await twilioRequest(onHold ? 'hold the call' : 'resume the call', () =>
    client.conferences(conferenceNameOf(call.id)).participants(leg).update({ hold: onHold }),
  );
  await (onHold ? setStatus(caller, call, 'IN_PROGRESS', 'ON_HOLD') : setStatus(caller, call, 'ON_HOLD', 'IN_PROGRESS'));
  logger.info(onHold ? 'call on hold' : 'call resumed', { callId: call.id });
  return { success: true, message: onHold ? 'Call on hold' : 'Call resumed' };
}

export async function mute(caller: Caller, callId: string, muted: boolean) {
  const call = await activeCall(caller, callId);
  const leg = agentLeg(call);
  const client = await twilio();
  await twilioRequest(muted ? 'mute the agent' : 'unmute the agent', () => client.conferences(conferenceNameOf(call.id)).participants(leg).update({ muted }));
  logger.info(muted ? 'agent muted' : 'agent unmuted', { callId: call.id });
  return { success: true, message: muted ? 'Call muted' : 'Call unmuted' };
}

export async function transfer(caller: Caller, input: { call_id: string; to: string; blind?: boolean }) {
  const to = toE164(input.to);
  if (!to) throw invalid([{ field: 'to', reason: 'invalid_phone_number', message: 'to must be a valid international number (E.164)' }]);
  const call = await activeCall(caller, input.call_id);
  const blind = input.blind ?? false;
  const leaving = blind ? call.agent_call_sid : null;
  const client = await twilio();
  const conference = client.conferences(conferenceNameOf(call.id));
  const added = await twilioRequest('transfer the call', () => conference.participants.create({ from: orgNumberOf(call), to, label: 'transfer' }));
  if (leaving) await twilioRequest('take the agent off the call', () => conference.participants(leaving).remove());
  await table.update(
    callKey(caller.organizationId, call.id),
    'SET transferred_to = :to, transferred_by = :by, transfer_type = :type, transfer_call_sid = :sid, updated_at = :now',
    {
      condition: 'attribute_exists(pk)',
      values: { ':to': to, ':by': caller.userId, ':type': blind ? 'blind' : 'attended', ':sid': added.callSid, ':now': new Date().toISOString() },
    },
  );
  logger.info('call transferred', { callId: call.id, transferType: blind ? 'blind' : 'attended' });
  return { success: true, message: `Call transferred to ${to}`, transferType: blind ? 'blind' : 'attended' };
}
