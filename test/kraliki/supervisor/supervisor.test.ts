/**
 * /api/supervisor through the runtime and the Twilio stand-in: each action's
 * Conference Participants request (with Twilio's parameter names) in the outbox,
 * the roles allowed, and refusals (an AGENT, a call not in progress) that send
 * nothing to Twilio and change nothing.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';
import { conferencePath, orgWithNumber, storedCall, storedCallItem, twilioRequests } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

describe('supervising a call in progress', () => {
  it('monitors muted, whispers to the agent’s leg, barges in and ends: each a Participants request in the outbox', async () => {
    const { org, number } = await orgWithNumber(h);
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const call = await storedCall(h, org, { number });
    const conference = conferencePath(call.id);

    const monitored = await h.app.post(`/api/supervisor/calls/${call.id}/monitor`, { token: supervisor.token });
    expect(monitored.status, monitored.text).toBe(200);
    expect(monitored.body).toMatchObject({ success: true, call_id: call.id, conference: `call-${call.id}` });
    const leg = monitored.body.participant_call_sid;
    expect(leg).toMatch(/^CA/);
    expect((await storedCallItem(h, org, call.id)).supervisor_id).toBe(supervisor.id);
    expect(twilioRequests(runtime, conference).map((r) => [r.to, r.payload])).toEqual([
      [`${conference}.json`, { method: 'POST', params: { From: number, To: `client:${supervisor.id}`, Label: 'supervisor', Muted: 'true' } }],
    ]);

    const whispered = await h.app.post(`/api/supervisor/calls/${call.id}/whisper`, { token: supervisor.token });
    expect(whispered.status, whispered.text).toBe(200);
    expect(whispered.body.participant_call_sid).toBe(leg);
    const barged = await h.app.post(`/api/supervisor/calls/${call.id}/barge-in`, { token: supervisor.token });
    expect(barged.status, barged.text).toBe(200);
    expect(
      twilioRequests(runtime, conference)
        .slice(1)
        .map((r) => [r.to, r.payload]),
    ).toEqual([
      [`${conference}/${leg}.json`, { method: 'POST', params: { Muted: 'false', Coaching: 'true', CallSidToCoach: call.agentLeg } }],
      [`${conference}/${leg}.json`, { method: 'POST', params: { Muted: 'false', Coaching: 'false' } }],
    ]);
    expect(runtime.fakes.twilio.participants.get(`call-${call.id}/${leg}`)).toMatchObject({ muted: false, coaching: false });

    const ended = await h.app.post(`/api/supervisor/calls/${call.id}/end`, { token: supervisor.token });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toEqual({ success: true, message: 'Call ended' });
    expect(twilioRequests(runtime, `/Calls/${call.sid}.json`).map((r) => r.payload)).toEqual([{ method: 'POST', params: { Status: 'completed' } }]);
    expect((await storedCallItem(h, org, call.id)).status).toBe('COMPLETED');
  });

  it('whispers without monitoring first: a new coaching participant, at the phone given', async () => {
    const { org, number } = await orgWithNumber(h);
    const call = await storedCall(h, org, { number });
    const reply = await h.app.post(`/api/supervisor/calls/${call.id}/whisper`, { token: org.admin.token, json: { phone_number: '+1 415 555 2680' } });
    expect(reply.status, reply.text).toBe(200);
    expect(twilioRequests(runtime, conferencePath(call.id)).map((r) => r.payload.params)).toEqual([
      { From: number, To: '+14155552680', Label: 'supervisor', Muted: 'false', Coaching: 'true', CallSidToCoach: call.agentLeg },
    ]);
  });

  it('refuses calls not in progress (409) and agents (403), sending nothing to Twilio and changing nothing', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const [ringing, finished, live] = await Promise.all([
      storedCall(h, org, { number, status: 'RINGING' }),
      storedCall(h, org, { number, status: 'COMPLETED' }),
      storedCall(h, org, { number, agentId: user.id }),
    ]);
    const noLeg = await storedCall(h, org, { number, agentLeg: false });
    const before = twilioRequests(runtime).length;
    const items = await h.orgItems(org);
    for (const call of [ringing, finished]) {
      for (const action of ['monitor', 'whisper', 'barge-in', 'end']) {
        const reply = await h.app.post(`/api/supervisor/calls/${call.id}/${action}`, { token: org.admin.token });
        expect(reply.status, `${action}: ${reply.text}`).toBe(409);
        expect(reply.body.detail).toBe('Call is not active');
      }
    }
    for (const action of ['monitor', 'whisper', 'barge-in', 'end']) {
      const reply = await h.app.post(`/api/supervisor/calls/${live.id}/${action}`, { token: user.token });
      expect(reply.status).toBe(403);
      expect(reply.body.detail).toBe('Supervisor or admin access required');
    }
    expect((await h.app.post(`/api/supervisor/calls/${noLeg.id}/whisper`, { token: org.admin.token })).status).toBe(409);
    const bad = await h.app.post(`/api/supervisor/calls/${live.id}/monitor`, { token: org.admin.token, json: { phone_number: 'call me' } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['body', 'phone_number']);
    expect((await h.app.get('/api/supervisor/active-calls', { token: user.token })).status).toBe(403);
    expect(twilioRequests(runtime)).toHaveLength(before);
    expect(await h.orgItems(org)).toEqual(items);
  });
});

describe('what supervisors read', () => {
  it('lists the calls in progress, and a call’s summary with its transcripts (sentiment null until analysed)', async () => {
    const { org, number } = await orgWithNumber(h);
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const live = await storedCall(h, org, { number });
    await storedCall(h, org, { number, status: 'COMPLETED' });
    const active = await h.app.get('/api/supervisor/active-calls', { token: supervisor.token });
    expect(active.status).toBe(200);
    expect(active.body.total).toBe(1);
    expect(active.body.calls.map((c: any) => c.id)).toEqual([live.id]);

    for (const [n, content] of [
      [1, 'I want a refund for my order'],
      [2, 'Thanks, that is great'],
    ] as const) {
      await h.table.put({
        pk: `ORG#${org.id}`,
        sk: `CALL_TRANSCRIPT#${live.id}#TR${n}`,
        id: `TR${n}`,
        call_id: live.id,
        role: 'USER',
        content,
        timestamp: `2026-01-01T00:00:0${n}.000Z`,
        twilio_sid: `TR${n}`,
        recording_sid: null,
      });
    }
    const summary = await h.app.get(`/api/supervisor/calls/${live.id}/summary`, { token: supervisor.token });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body).toMatchObject({
      call_id: live.id,
      status: 'IN_PROGRESS',
      total_exchanges: 2,
      first_utterance: 'I want a refund for my order',
      last_utterance: 'Thanks, that is great',
      sentiment: null,
    });
    expect(summary.body.keywords).toEqual(
      expect.arrayContaining([
        { word: 'refund', count: 1 },
        { word: 'order', count: 1 },
      ]),
    );
    expect(summary.body.transcripts.map((t: any) => t.content)).toEqual(['I want a refund for my order', 'Thanks, that is great']);
  });
});
