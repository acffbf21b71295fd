/**
 * Calls for the calls, telephony and supervisor suites: an organization with a
 * number (through the settings route), a call stored as the webhooks store one
 * (straight into the table, in any status, with the legs a test needs, so no
 * stand-in callback changes it behind the test's back), and the Twilio requests
 * the stand-in recorded in the outbox.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import type { KralikiHarness, Org } from '../app-client.ts';

let next = 0;
/** A valid US number no other call fixture of this process uses. */
export const uniqueNumber = () => `+1415${String(2000000 + ((Date.now() + next++ * 7919) % 7000000)).padStart(7, '0')}`;
export const CUSTOMER = '+14155552671';
export const callSid = () => `CA${randomBytes(16).toString('hex')}`;

/** A new organization owning a fresh number. */
export async function orgWithNumber(h: KralikiHarness): Promise<{ org: Org; number: string }> {
  const org = await h.registerOrg();
  for (let attempt = 0; ; attempt++) {
    const number = uniqueNumber();
    const reply = await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } });
    if (reply.status === 200) return { org, number };
    if (reply.status !== 409 || attempt > 5) throw new Error(`PUT /api/settings answered ${reply.status}: ${reply.text}`);
  }
}

export interface StoredCall {
  id: string;
  sid: string;
  agentLeg: string | null;
  number: string;
}

/** A call of the org, stored as the webhooks store one: OUTBOUND from `number`, IN_PROGRESS unless told otherwise, with an agent's leg once answered unless told otherwise. */
export async function storedCall(
  h: KralikiHarness,
  org: Org,
  options: { number?: string; status?: string; agentId?: string | null; agentLeg?: boolean; fields?: Record<string, unknown> } = {},
): Promise<StoredCall> {
  const id = randomUUID();
  const sid = callSid();
  const status = options.status ?? 'IN_PROGRESS';
  const rank = { QUEUED: 0, RINGING: 1, IN_PROGRESS: 2, ON_HOLD: 2 }[status] ?? 3;
  // An agent's leg, by default, on a call that is (or was) answered.
  const agentLeg = (options.agentLeg ?? rank >= 2) ? callSid() : null;
  const number = options.number ?? uniqueNumber();
  const now = new Date().toISOString();
  await h.table.put({
    pk: `ORG#${org.id}`,
    sk: `CALL#${id}`,
    id,
    organization_id: org.id,
    twilio_call_sid: sid,
    from_number: number,
    to_number: CUSTOMER,
    direction: 'OUTBOUND',
    status,
    status_rank: rank,
    provider: 'TWILIO',
    agent_id: options.agentId ?? null,
    agent_call_sid: agentLeg,
    supervisor_id: null,
    supervisor_call_sid: null,
    campaign_id: null,
    contact_id: null,
    start_time: now,
    end_time: rank === 3 ? now : null,
    duration: null,
    recording_url: null,
    recording_sid: null,
    disposition: null,
    notes: null,
    ivr: null,
    created_at: now,
    updated_at: now,
    ...options.fields,
  });
  await h.table.put({ pk: `CALL_SID#${sid}`, sk: 'CALL_SID', organization_id: org.id, call_id: id });
  // The stand-in knows the call too, as Twilio would (ending it, for one, names it).
  const twilioStatus = { QUEUED: 'queued', RINGING: 'ringing', IN_PROGRESS: 'in-progress', ON_HOLD: 'in-progress' }[status] ?? 'completed';
  h.runtime.fakes.twilio.calls.set(sid, {
    sid,
    to: CUSTOMER,
    from: number,
    status: twilioStatus,
    statusCallback: `${h.runtime.url}/kraliki/webhooks/twilio-status`,
    statusCallbackEvents: [],
    createdAt: new Date(),
    ...(rank === 2 ? { answeredAt: new Date() } : {}),
  });
  return { id, sid, agentLeg, number };
}

/** The Twilio requests recorded so far, optionally only those below a resource path prefix. */
export const twilioRequests = (runtime: LocalRuntime, under = '') =>
  runtime.outbox
    .list({ channel: 'twilio' })
    .filter((r) => r.to.startsWith(under))
    .map((r) => ({ to: r.to, payload: r.payload as { method: string; params: Record<string, any> } }));

export const conferencePath = (callId: string) => `/Conferences/call-${callId}/Participants`;

/** The call as stored. */
export async function storedCallItem(h: KralikiHarness, org: Org, callId: string): Promise<Record<string, any>> {
  const item = await h.table.get(`ORG#${org.id}`, `CALL#${callId}`);
  expect(item).toBeDefined();
  return item!;
}
