/**
 * twilio-status under concurrency, through the signed Function URL: many
 * callbacks for the same CallSid at once, in different orders and repeated (as
 * Twilio's retries and a busy network deliver them), and many calls at once.
 * Every callback is answered 200, never 500; the call ends in its final status
 * with its duration, and the work the callbacks set off happens once (the
 * assigned agent dialled into the conference at most once and released, every call
 * counted once in the analytics).
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';
import { conferencePath, twilioRequests } from '../calls/call-fixtures.ts';

const logged: string[] = [];
const runtime = sharedRuntime({ services: [kraliki], log: (line) => logged.push(line) });
const h = kralikiHarness(runtime);

let sids = 0;
const newCallSid = () => `CA${Date.now().toString(16)}${(++sids).toString(16).padStart(6, '0')}`.padEnd(34, '0');
const webhookUrl = (name: string) => `${runtime.url}/kraliki/webhooks/${name}`;

async function post(name: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const signed = runtime.fakes.twilio.signedRequest(webhookUrl(name), params);
  const response = await fetch(webhookUrl(name), { method: 'POST', headers: signed.headers, body: signed.body });
  return { status: response.status, text: await response.text() };
}

/** A deterministic shuffle (the same orders on every run). */
function shuffled<T>(values: T[], seed: number): T[] {
  const out = [...values];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('twilio-status under concurrency', () => {
  it('answers 200 to every callback of calls whose callbacks all arrive at once, in any order, repeated; each call ends COMPLETED and is counted once', async () => {
    const org = await h.registerOrg();
    const number = `+14153${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    expect((await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } })).status).toBe(200);
    const calls = 6;
    const callSids: string[] = [];
    for (let i = 0; i < calls; i++) {
      const callSid = newCallSid();
      const answered = await post('twilio-voice', {
        CallSid: callSid,
        From: `+1628555${String(i).padStart(4, '0')}`,
        To: number,
        CallStatus: 'ringing',
        Direction: 'inbound',
      });
      expect(answered.status, answered.text).toBe(200);
      callSids.push(callSid);
    }
    // One call has an agent: however the callbacks race, she is dialled into its conference at most once and released once.
    const { user: agent, agent: profile } = await h.addAgent(org);
    const assignedId = (await h.table.get(`CALL_SID#${callSids[0]}`, 'CALL_SID'))?.call_id as string;
    const assigned = await h.app.put(`/api/calls/${assignedId}`, { token: org.admin.token, json: { agent_id: agent.id } });
    expect(assigned.status, assigned.text).toBe(200);
    const statuses = ['ringing', 'in-progress', 'completed', 'in-progress', 'completed', 'ringing', 'completed', 'in-progress'];
    const callbacks = callSids.flatMap((callSid, i) =>
      shuffled(statuses, i + 1).map((status) => ({ CallSid: callSid, CallStatus: status, CallDuration: '42' })),
    );
    const replies = await Promise.all(shuffled(callbacks, 99).map((params) => post('twilio-status', params)));
    const failed = replies.filter((reply) => reply.status !== 200);
    expect(failed, logged.filter((line) => line.includes('twilio webhook failed') || line.includes('✖')).join('\n')).toEqual([]);

    for (const callSid of callSids) {
      const sentinel = await h.table.get(`CALL_SID#${callSid}`, 'CALL_SID');
      const call = await h.table.get(`ORG#${org.id}`, `CALL#${sentinel?.call_id}`);
      expect(call?.status).toBe('COMPLETED');
      expect(call?.duration).toBe(42);
    }
    await eventually(async () => (await h.table.get(`ORG#${org.id}`, `CALL#${assignedId}`))?.agent_release_step === 'released', {
      timeoutMs: 120_000,
      what: 'the agent released',
    });
    // Dialled at most once: never twice, and not at all when the call had ended before the dial job ran.
    const dials = twilioRequests(runtime, `${conferencePath(assignedId)}.json`).map((r) => r.payload.params.To);
    expect(dials.length).toBeLessThanOrEqual(1);
    for (const to of dials) expect(to).toBe(`client:${agent.id}`);
    const released = await h.app.get(`/api/agents/${profile.id}`, { token: org.admin.token });
    expect(released.body.current_load, released.text).toBe(0);
    await eventually(
      async () => {
        const dashboard = await h.app.get('/api/analytics/calls', { token: org.admin.token, query: { group_by: 'day' } });
        expect(dashboard.status, dashboard.text).toBe(200);
        expect(dashboard.body.summary.total_calls).toBe(calls);
        return true;
      },
      { timeoutMs: 120_000 },
    );
  }, 240_000);
});
