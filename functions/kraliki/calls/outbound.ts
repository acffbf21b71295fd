/**
 * Placing an outbound call: `POST /api/calls` creates the Twilio call in the
 * request, through the SDK, because the answer carries its `twilio_call_sid`.
 * Twilio is told to ask twilio-voice how to proceed when the call is answered
 * (an outbound call of this service joins its conference, `call-<id>`) and to
 * post its progress to twilio-status.
 *
 * Idempotency: a request with an `Idempotency-Key` header claims the key in
 * the organization's partition (`CALL_REQUEST#<key>`, kept 24 hours) in the
 * same transaction that writes the QUEUED call, before Twilio is asked. A
 * retry with the same key finds that call: placed, it is answered again
 * (200); still being placed, 409 `request_in_progress`. Twilio refusing the
 * call removes the call and the key, so the request can be retried. Without the
 * header every request places a call.
 *
 * An AGENT placing a call is its agent (it takes a unit of her capacity); a
 * SUPERVISOR or ADMIN places it unassigned and assigns an agent with PUT.
 */
import { randomUUID } from 'node:crypto';
import { invalid } from '#shared/errors';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { callKey, callRequestKey, callSidKey } from '../keys.ts';
import { toE164 } from '../settings/phone-numbers.ts';
import { getSettings } from '../settings/settings.ts';
import { stageOf } from './call-status.ts';
import type { CallRecord } from './calls.ts';
import { type CallView, callView, giveBackAgent, takeAgent } from './manage.ts';
import { callUrls, twilio, twilioRequest } from './twilio-client.ts';
import { conflict } from '#shared/errors';

const KEY_TTL_SECONDS = 24 * 3600;

export interface OutboundRequest {
  from_number: string;
  to_number: string;
  direction: 'OUTBOUND';
  campaign_id?: string | null;
  contact_id?: string | null;
}

export async function placeOutboundCall(caller: Caller, input: OutboundRequest, idempotencyKey?: string): Promise<{ call: CallView; created: boolean }> {
  const orgId = caller.organizationId;
  const to = toE164(input.to_number);
  const from = toE164(input.from_number);
  const problems = [
    ...(to ? [] : [{ field: 'to_number', reason: 'invalid_phone_number', message: 'to_number must be a valid international number (E.164)' }]),
    ...(from ? [] : [{ field: 'from_number', reason: 'invalid_phone_number', message: 'from_number must be a valid international number (E.164)' }]),
  ];
  if (problems.length) throw invalid(problems);
  const settings = await getSettings(orgId, { consistent: true });
  if (!settings.phone_numbers.includes(from!))
    throw invalid([
      { field: 'from_number', reason: 'not_an_organization_number', message: "from_number must be one of the organization's numbers (settings)" },
    ]);

  if (idempotencyKey) {
    const seen = await table.get<{ call_id: string }>(callRequestKey(orgId, idempotencyKey), { consistent: true });
    if (seen) return { call: await replayed(orgId, seen.call_id), created: false };
  }

  const agentId = caller.role === 'AGENT' ? caller.userId : null;
  if (agentId) await takeAgent(orgId, agentId);
  const now = new Date().toISOString();
  const call: CallRecord = {
    id: randomUUID(),
    organization_id: orgId,
    twilio_call_sid: null,
    from_number: from!,
    to_number: to!,
    direction: 'OUTBOUND',
    status: 'QUEUED',
    status_rank: stageOf('QUEUED'),
    provider: 'TWILIO',
    agent_id: agentId,
    supervisor_id: null,
    campaign_id: input.campaign_id ?? null,
    contact_id: input.contact_id ?? null,
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
    agent_call_sid: null,
    supervisor_call_sid: null,
  };
  const requestItem = idempotencyKey && {
    ...callRequestKey(orgId, idempotencyKey),
    call_id: call.id,
    expiresAt: Math.floor(Date.now() / 1000) + KEY_TTL_SECONDS,
  };
  try {
    await transact([
      ...(requestItem ? [{ Put: { Item: requestItem, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'request_exists' }] : []),
      { Put: { Item: { ...callKey(orgId, call.id), ...call }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (agentId) await giveBackAgent(orgId, agentId);
    if ((error as { code?: string }).code !== 'request_exists' || !idempotencyKey) throw error;
    const seen = await table.get<{ call_id: string }>(callRequestKey(orgId, idempotencyKey), { consistent: true });
    if (!seen) throw error;
    return { call: await replayed(orgId, seen.call_id), created: false };
  }

  let sid: string;
  try {
    const [client, urls] = await Promise.all([twilio(), callUrls()]);
    const created = await twilioRequest('place the call', () =>
      client.calls.create({
        to: to!,
        from: from!,
        url: urls.voice,
        method: 'POST',
        statusCallback: urls.status,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      }),
    );
    sid = created.sid;
  } catch (error) {
    // Nothing was placed: the call and the key go, so the same request may be sent again.
    await Promise.all([table.delete(callKey(orgId, call.id)), requestItem ? table.delete(callRequestKey(orgId, idempotencyKey!)) : undefined]);
    if (agentId) await giveBackAgent(orgId, agentId);
    throw error;
  }
  await transact([
    {
      Update: {
        Key: callKey(orgId, call.id),
        UpdateExpression: 'SET twilio_call_sid = :sid, updated_at = :now',
        ExpressionAttributeValues: { ':sid': sid, ':now': new Date().toISOString() },
      },
    },
    { Put: { Item: { ...callSidKey(sid), organization_id: orgId, call_id: call.id } } },
  ]);
  logger.info('outbound call placed', { callId: call.id, callSid: sid, assigned: Boolean(agentId) });
  return { call: callView({ ...call, twilio_call_sid: sid }), created: true };
}

async function replayed(orgId: string, callId: string): Promise<CallView> {
  const call = await table.get<CallRecord>(callKey(orgId, callId), { consistent: true });
  if (!call?.twilio_call_sid) throw conflict('request_in_progress', 'A request with this Idempotency-Key is still being processed, or failed; retry later');
  logger.info('outbound call request replayed', { callId });
  return callView(call);
}
