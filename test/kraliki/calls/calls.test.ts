/**
 * /api/calls through the runtime and the Twilio stand-in: an outbound call
 * placed through the twilio SDK (the request in the outbox with Twilio's
 * names), moved along by the stand-in's signed status callbacks; idempotent
 * creates; the assigned agent dialled into the call's conference exactly once
 * whatever callbacks are replayed, and released (stats, load) when it ends;
 * ending, deleting, agents' view; bad input in FastAPI's format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';
import { CUSTOMER, conferencePath, orgWithNumber, storedCall, storedCallItem, twilioRequests } from './call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

beforeAll(() => {
  // Each test posts the callbacks it needs itself.
  runtime.fakes.twilio.playCallsForward = false;
});
afterAll(() => {
  runtime.fakes.twilio.playCallsForward = true;
});

const webhook = (name: string) => `${runtime.url}/kraliki/webhooks/${name}`;

async function place(token: string, from: string, headers: Record<string, string> = {}) {
  return h.app.post('/api/calls', { token, json: { from_number: from, to_number: CUSTOMER, direction: 'OUTBOUND' }, headers });
}

describe('outbound calls', () => {
  it('places the call through Twilio with the voice and status webhooks, then follows its signed callbacks', async () => {
    const { org, number } = await orgWithNumber(h);
    const reply = await place(org.admin.token, number);
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({ status: 'QUEUED', direction: 'OUTBOUND', from_number: number, to_number: CUSTOMER, agent_id: null });
    expect(reply.body.twilio_call_sid).toMatch(/^CA[0-9a-f]{32}$/);
    const sid = reply.body.twilio_call_sid;
    const created = twilioRequests(runtime, '/Calls.json').filter((r) => r.payload.params.From === number);
    expect(created).toHaveLength(1);
    expect(created[0].payload).toEqual({
      method: 'POST',
      params: expect.objectContaining({
        To: CUSTOMER,
        From: number,
        Url: webhook('twilio-voice'),
        StatusCallback: webhook('twilio-status'),
        StatusCallbackMethod: 'POST',
      }),
    });

    const fake = runtime.fakes.twilio;
    const statusOf = async () => (await h.app.get(`/api/calls/${reply.body.id}`, { token: org.admin.token })).body.status;
    expect(await fake.postStatus(sid, 'ringing')).toBe(200);
    expect(await statusOf()).toBe('RINGING');
    expect(await fake.postStatus(sid, 'in-progress')).toBe(200);
    expect(await statusOf()).toBe('IN_PROGRESS');
    expect(await fake.postStatus(sid, 'completed')).toBe(200);
    const done = (await h.app.get(`/api/calls/${reply.body.id}`, { token: org.admin.token })).body;
    expect(done).toMatchObject({ status: 'COMPLETED', twilio_call_sid: sid });
    expect(done.end_time).not.toBeNull();

    // The answer for Twilio's Url: the outbound call joins its own conference.
    const voice = fake.signedRequest(webhook('twilio-voice'), {
      CallSid: sid,
      From: number,
      To: CUSTOMER,
      CallStatus: 'in-progress',
      Direction: 'outbound-api',
    });
    const twiml = await (await fetch(webhook('twilio-voice'), { method: 'POST', headers: voice.headers, body: voice.body })).text();
    expect(twiml).toContain(`<Conference`);
    expect(twiml).toContain(`call-${reply.body.id}`);
  });

  it('places one Twilio call per Idempotency-Key: a retry answers the same call', async () => {
    const { org, number } = await orgWithNumber(h);
    const first = await place(org.admin.token, number, { 'idempotency-key': 'order-42' });
    const second = await place(org.admin.token, number, { 'idempotency-key': 'order-42' });
    expect(first.status, first.text).toBe(201);
    expect(second.status, second.text).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.twilio_call_sid).toBe(first.body.twilio_call_sid);
    expect(twilioRequests(runtime, '/Calls.json').filter((r) => r.payload.params.From === number)).toHaveLength(1);
    const third = await place(org.admin.token, number, { 'idempotency-key': 'order-43' });
    expect(third.status).toBe(201);
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('refuses bad input in FastAPI’s format, sending nothing to Twilio', async () => {
    const { org, number } = await orgWithNumber(h);
    const before = twilioRequests(runtime).length;
    for (const json of [
      { from_number: number, to_number: 'not a number', direction: 'OUTBOUND' },
      { from_number: '+14155552672', to_number: CUSTOMER, direction: 'OUTBOUND' },
      { from_number: number, to_number: CUSTOMER, direction: 'INBOUND' },
      { from_number: number, direction: 'OUTBOUND' },
    ]) {
      const reply = await h.app.post('/api/calls', { token: org.admin.token, json });
      expect(reply.status, JSON.stringify(json)).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
      expect(reply.body.detail[0]).toMatchObject({ loc: expect.any(Array), msg: expect.any(String), type: expect.any(String) });
    }
    expect(twilioRequests(runtime)).toHaveLength(before);
    expect((await h.app.post('/api/calls', { json: { from_number: number, to_number: CUSTOMER, direction: 'OUTBOUND' } })).status).toBe(401);
  });

  it('a Twilio refusal leaves no call behind, and the same key may be sent again', async () => {
    const { org, number } = await orgWithNumber(h);
    runtime.outbox.failNext('twilio');
    const failed = await place(org.admin.token, number, { 'idempotency-key': 'retry-me' });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await h.app.get('/api/calls', { token: org.admin.token })).body.total).toBe(0);
    const retried = await place(org.admin.token, number, { 'idempotency-key': 'retry-me' });
    expect(retried.status, retried.text).toBe(201);
  });
});

describe('a call played forward by the stand-in, as under npm start', () => {
  it('an AGENT’s own outbound call rings and is answered (she is dialled in); she ends it, and is freed', async () => {
    const fake = runtime.fakes.twilio;
    const { org, number } = await orgWithNumber(h);
    const { user, agent } = await h.addAgent(org);
    fake.timing = { ringAfterMs: 200, answerAfterMs: 600, hangUpAfterMs: 25_000 };
    fake.playCallsForward = true;
    let placed: Awaited<ReturnType<typeof place>>;
    try {
      placed = await place(user.token, number);
    } finally {
      fake.playCallsForward = false;
    }
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.agent_id).toBe(user.id);
    const callId = placed.body.id;
    const answered = await eventually(
      async () => {
        const call = (await h.app.get(`/api/calls/${callId}`, { token: user.token })).body;
        return call.status === 'IN_PROGRESS' && call.agent_call_sid && call;
      },
      { what: 'the call answered and the agent dialled in' },
    );
    expect(twilioRequests(runtime, `${conferencePath(callId)}.json`).map((r) => r.payload.params.To)).toEqual([`client:${user.id}`]);
    const ended = await h.app.post(`/api/calls/${callId}/end`, { token: user.token });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({ status: 'COMPLETED', agent_call_sid: answered.agent_call_sid });
    await eventually(async () => (await h.app.get(`/api/agents/${agent.id}`, { token: org.admin.token })).body.current_load === 0, { what: 'the agent freed' });
    expect((await h.app.get('/api/agent/my-stats', { token: user.token })).body.today).toMatchObject({ total_calls: 1, completed_calls: 1 });
    expect(fake.deliveries.filter((d) => d.callSid === placed.body.twilio_call_sid).map((d) => d.status)).toContain('completed');
  });
});

describe('the agent of a call', () => {
  it('is dialled into the call’s conference exactly once despite replayed in-progress callbacks, and released when it ends', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user, agent } = await h.addAgent(org, { max_capacity: 2 });
    const placed = await place(org.admin.token, number);
    expect(placed.status, placed.text).toBe(201);
    const callId = placed.body.id;
    const sid = placed.body.twilio_call_sid;
    const assigned = await h.app.put(`/api/calls/${callId}`, { token: org.admin.token, json: { agent_id: user.id, notes: 'VIP' } });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body).toMatchObject({ agent_id: user.id, notes: 'VIP', agent_call_sid: null });
    expect((await h.app.get(`/api/agents/${agent.id}`, { token: org.admin.token })).body.current_load).toBe(1);

    const fake = runtime.fakes.twilio;
    await fake.postStatus(sid, 'ringing');
    expect(await fake.postStatus(sid, 'in-progress')).toBe(200);
    // Replays, as Twilio retries: none may dial again.
    const replay = fake.signedRequest(webhook('twilio-status'), { CallSid: sid, CallStatus: 'in-progress', From: number, To: CUSTOMER });
    for (let i = 0; i < 3; i++)
      expect((await fetch(webhook('twilio-status'), { method: 'POST', headers: replay.headers, body: replay.body })).status).toBe(200);
    const dialled = await eventually(async () => (await storedCallItem(h, org, callId)).agent_call_sid as string | undefined, { what: 'the agent dialled in' });
    expect(dialled).toMatch(/^CA/);
    expect((await h.app.get(`/api/calls/${callId}`, { token: user.token })).body.agent_call_sid).toBe(dialled);
    for (let i = 0; i < 2; i++)
      expect((await fetch(webhook('twilio-status'), { method: 'POST', headers: replay.headers, body: replay.body })).status).toBe(200);

    expect(await fake.postStatus(sid, 'completed')).toBe(200);
    await eventually(async () => (await h.app.get(`/api/agents/${agent.id}`, { token: org.admin.token })).body.current_load === 0, {
      what: 'the agent released',
    });
    const stats = await h.app.get('/api/agent/my-stats', { token: user.token });
    expect(stats.body.today.total_calls).toBe(1);

    const dials = twilioRequests(runtime, `${conferencePath(callId)}.json`);
    expect(dials).toHaveLength(1);
    expect(dials[0].payload).toEqual({
      method: 'POST',
      params: expect.objectContaining({ From: number, To: `client:${user.id}`, Label: 'agent' }),
    });
    // A late completed callback counts nothing twice.
    expect(await fake.postStatus(sid, 'completed')).toBe(200);
    expect((await h.app.get('/api/agent/my-stats', { token: user.token })).body.today.total_calls).toBe(1);
  });

  it('is dialled at once when assigned to a call already in progress, at the phone number of her profile', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org, { metadata: { phone_number: '+14155552699' } });
    const call = await storedCall(h, org, { number, agentLeg: false });
    expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: user.id } })).status).toBe(200);
    await eventually(async () => Boolean((await storedCallItem(h, org, call.id)).agent_call_sid), { what: 'the agent dialled in' });
    expect(twilioRequests(runtime, `${conferencePath(call.id)}.json`).map((r) => r.payload.params.To)).toEqual(['+14155552699']);
    // Connected: she is no longer replaced (a transfer is the way).
    const other = await h.addAgent(org);
    const replaced = await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: other.user.id } });
    expect(replaced.status).toBe(409);
    expect(replaced.body.detail).toBe('The agent is already being connected to the call; transfer it instead');
  });

  it('dials the agent of an inbound call from the organization’s number it came in on', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const call = await storedCall(h, org, { agentLeg: false, fields: { direction: 'INBOUND', from_number: CUSTOMER, to_number: number } });
    expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: user.id } })).status).toBe(200);
    await eventually(async () => Boolean((await storedCallItem(h, org, call.id)).agent_call_sid), { what: 'the agent dialled in' });
    expect(twilioRequests(runtime, `${conferencePath(call.id)}.json`).map((r) => r.payload.params)).toEqual([
      expect.objectContaining({ From: number, To: `client:${user.id}`, Label: 'agent' }),
    ]);
  });

  it('is refused at capacity, and only supervisors assign', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org, { max_capacity: 1 });
    const [a, b] = await Promise.all([storedCall(h, org, { number, status: 'RINGING' }), storedCall(h, org, { number, status: 'RINGING' })]);
    expect((await h.app.put(`/api/calls/${a.id}`, { token: org.admin.token, json: { agent_id: user.id } })).status).toBe(200);
    const full = await h.app.put(`/api/calls/${b.id}`, { token: org.admin.token, json: { agent_id: user.id } });
    expect(full.status).toBe(409);
    expect(full.body.detail).toBe('Agent has no capacity left');
    const self = await h.app.put(`/api/calls/${b.id}`, { token: user.token, json: { agent_id: user.id } });
    expect(self.status).toBe(404);
    const own = await h.app.put(`/api/calls/${a.id}`, { token: user.token, json: { agent_id: org.admin.id } });
    expect(own.status).toBe(403);
    const notes = await h.app.put(`/api/calls/${a.id}`, { token: user.token, json: { disposition: 'SALE', notes: 'ok' } });
    expect(notes.status).toBe(200);
    expect(notes.body).toMatchObject({ disposition: 'SALE', notes: 'ok' });
  });
});

describe('calls of the organization', () => {
  it('lists with paging and filters; an agent sees only hers', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    await storedCall(h, org, { number, agentId: user.id });
    await storedCall(h, org, { number, status: 'COMPLETED' });
    await storedCall(h, org, { number, status: 'COMPLETED' });
    const all = await h.app.get('/api/calls', { token: org.admin.token, query: { page_size: 2 } });
    expect(all.body).toMatchObject({ total: 3, page: 1, page_size: 2, has_more: true });
    expect(all.body.items).toHaveLength(2);
    const completed = await h.app.get('/api/calls', { token: org.admin.token, query: { call_status: 'COMPLETED' } });
    expect(completed.body.total).toBe(2);
    const mine = await h.app.get('/api/calls', { token: user.token });
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0].agent_id).toBe(user.id);
    const bad = await h.app.get('/api/calls', { token: org.admin.token, query: { page: 0, call_status: 'RUNNING' } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: any) => d.loc.join('.')).sort()).toEqual(['query.call_status', 'query.page']);
  });

  it('ends a call through Twilio (Status=completed) and deletes only finished calls', async () => {
    const { org, number } = await orgWithNumber(h);
    const call = await storedCall(h, org, { number });
    const early = await h.app.delete(`/api/calls/${call.id}`, { token: org.admin.token });
    expect(early.status).toBe(409);
    const ended = await h.app.post(`/api/calls/${call.id}/end`, { token: org.admin.token });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.status).toBe('COMPLETED');
    expect(twilioRequests(runtime, `/Calls/${call.sid}.json`).map((r) => r.payload)).toEqual([{ method: 'POST', params: { Status: 'completed' } }]);
    expect((await h.app.post(`/api/calls/${call.id}/end`, { token: org.admin.token })).status).toBe(409);
    expect(twilioRequests(runtime, `/Calls/${call.sid}.json`)).toHaveLength(1);
    const deleted = await h.app.delete(`/api/calls/${call.id}`, { token: org.admin.token });
    expect(deleted.status).toBe(200);
    expect((await h.app.get(`/api/calls/${call.id}`, { token: org.admin.token })).status).toBe(404);
    expect(await h.table.get(`CALL_SID#${call.sid}`, 'CALL_SID')).toBeUndefined();
  });

  it('lets an agent end her own call but not another’s, nor delete', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const [mine, other] = await Promise.all([storedCall(h, org, { number, agentId: user.id }), storedCall(h, org, { number })]);
    const before = twilioRequests(runtime).length;
    expect((await h.app.post(`/api/calls/${other.id}/end`, { token: user.token })).status).toBe(404);
    expect(twilioRequests(runtime)).toHaveLength(before);
    expect((await h.app.post(`/api/calls/${mine.id}/end`, { token: user.token })).status).toBe(200);
    expect((await h.app.delete(`/api/calls/${mine.id}`, { token: user.token })).status).toBe(403);
  });
});
