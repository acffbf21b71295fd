/**
 * Calls played as Twilio plays them, for the analytics, reports and
 * notifications suites: an inbound call announced by a signed answer request
 * (twilio-voice), an outbound one placed through POST /api/calls, and each
 * moved by signed status callbacks (twilio-status) carrying the CallDuration a
 * test chooses. The Twilio stand-in's own callbacks are off while a suite runs
 * (`quietTwilio`), so only the callbacks a test posts move its calls.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import type { KralikiHarness, Org } from '../app-client.ts';

export const CUSTOMER = '+14155552671';
const newSid = () => `CA${randomBytes(16).toString('hex')}`;

export function quietTwilio(runtime: LocalRuntime): void {
  beforeAll(() => {
    runtime.fakes.twilio.playCallsForward = false;
  });
  afterAll(() => {
    runtime.fakes.twilio.playCallsForward = true;
  });
}

async function postWebhook(runtime: LocalRuntime, name: string, params: Record<string, string>): Promise<number> {
  const url = `${runtime.url}/kraliki/webhooks/${name}`;
  const signed = runtime.fakes.twilio.signedRequest(url, params);
  return (await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body })).status;
}

export interface PlayedCall {
  id: string;
  sid: string;
}

/** A customer calls the organization's number: Twilio's answer request creates the call (RINGING). */
export async function inboundCall(h: KralikiHarness, org: Org, number: string): Promise<PlayedCall> {
  const sid = newSid();
  const status = await postWebhook(h.runtime, 'twilio-voice', {
    AccountSid: h.runtime.fakes.twilio.accountSid,
    CallSid: sid,
    From: CUSTOMER,
    To: number,
    CallStatus: 'ringing',
    Direction: 'inbound',
  });
  expect(status).toBe(200);
  const sentinel = await h.table.get(`CALL_SID#${sid}`, 'CALL_SID');
  expect(sentinel?.organization_id).toBe(org.id);
  return { id: String(sentinel!.call_id), sid };
}

/** An outbound call placed through the API by `token` (QUEUED). */
export async function outboundCall(h: KralikiHarness, token: string, number: string, fields: Record<string, unknown> = {}): Promise<PlayedCall> {
  const reply = await h.app.post('/api/calls', { token, json: { from_number: number, to_number: CUSTOMER, direction: 'OUTBOUND', ...fields } });
  expect(reply.status, reply.text).toBe(201);
  return { id: reply.body.id, sid: reply.body.twilio_call_sid };
}

/** Twilio's status callback for the call: `status` as Twilio names it, `duration` seconds on a final one. */
export async function callStatus(h: KralikiHarness, call: PlayedCall, status: string, duration?: number): Promise<void> {
  const params: Record<string, string> = {
    AccountSid: h.runtime.fakes.twilio.accountSid,
    CallSid: call.sid,
    CallStatus: status,
    From: CUSTOMER,
    To: CUSTOMER,
    ...(duration === undefined ? {} : { CallDuration: String(duration) }),
  };
  expect(await postWebhook(h.runtime, 'twilio-status', params)).toBe(200);
}

/** Plays the call through the statuses given, in order (the last with `duration`). */
export async function play(h: KralikiHarness, call: PlayedCall, statuses: string[], duration?: number): Promise<PlayedCall> {
  for (const [i, status] of statuses.entries()) await callStatus(h, call, status, i === statuses.length - 1 ? duration : undefined);
  return call;
}

/** The call as the API shows it to the org's ADMIN. */
export async function callOf(h: KralikiHarness, org: Org, callId: string): Promise<Record<string, any>> {
  const reply = await h.app.get(`/api/calls/${callId}`, { token: org.admin.token });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
}
