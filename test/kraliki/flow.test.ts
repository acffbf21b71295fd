/**
 * The call center end to end, each request sent as the dashboard and Twilio
 * send it, through the local gateway and the Twilio stand-in: an organization
 * registers and sets up its number, a supervisor, an AVAILABLE agent and a
 * bound IVR menu; both watch live events; a signed inbound call walks the menu
 * into its conference; an outbound call is placed and played forward by the
 * stand-in's signed status callbacks while the agent is dialled in once; the
 * supervisor monitors, whispers, barges in and ends it, each step a
 * Conference Participants request in the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kraliki from '../../functions/kraliki/service.ts';
import { LiveSocket } from '../pytake/live/live-socket.ts';
import { eventually } from '../support/eventually.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { kralikiHarness, type Org, type OrgUser, PASSWORD } from './app-client.ts';
import { CUSTOMER, conferencePath, orgWithNumber, twilioRequests } from './calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
/** A step's first call of each function builds that function: on a busy machine a step touching many takes a while. */
const SLOW = { timeout: 120_000 };
const WAIT = { timeoutMs: 60_000 };

const sockets: LiveSocket[] = [];
beforeAll(() => {
  // Answered soon, and kept up well past the supervisor's steps: the supervisor ends it.
  runtime.fakes.twilio.timing = { ringAfterMs: 200, answerAfterMs: 1_000, hangUpAfterMs: 300_000 };
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
});

describe('a call center from sign-up to a supervised call', () => {
  let org: Org;
  let number: string;
  let supervisor: OrgUser;
  let agentUser: OrgUser;
  let supervisorSocket: LiveSocket;
  let agentSocket: LiveSocket;
  let call: { id: string; sid: string; agentLeg: string };

  it('registers, logs in, adds its number, a supervisor, an AVAILABLE agent and an IVR menu bound as its main menu', SLOW, async () => {
    ({ org, number } = await orgWithNumber(h));
    const session = await h.app.login(org.admin.email, PASSWORD);
    expect(session.user).toMatchObject({ id: org.admin.id, role: 'ADMIN', organization_id: org.id });
    org.admin.token = session.access_token;
    const settings = await h.app.get('/api/settings', { token: org.admin.token });
    expect(settings.body.phone_numbers).toEqual([number]);

    supervisor = await h.addUser(org, 'SUPERVISOR');
    const added = await h.addAgent(org);
    agentUser = added.user;
    const available = await h.app.patch(`/api/agents/${added.agent.id}/status`, { token: agentUser.token, json: { status: 'AVAILABLE' } });
    expect(available.status, available.text).toBe(200);
    expect(available.body.status).toBe('AVAILABLE');

    const menu = await h.app.post('/api/ivr/menus', {
      token: supervisor.token,
      json: {
        name: 'Main',
        greeting: 'Thanks for calling. Press 1 for sales, 2 for an agent.',
        options: [
          { digit: '1', description: 'sales', action: 'queue', target: 'sales' },
          { digit: '2', description: 'agent', action: 'transfer' },
        ],
      },
    });
    expect(menu.status, menu.text).toBe(201);
    const bound = await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: menu.body.menu.id } });
    expect(bound.status, bound.text).toBe(200);
  });

  it('opens the supervisor’s and the agent’s live-event sockets with their access tokens', SLOW, async () => {
    const url = `${runtime.url.replace(/^http/, 'ws')}/kraliki/ws`;
    [supervisorSocket, agentSocket] = await Promise.all([supervisor, agentUser].map((user) => LiveSocket.open(url, { authorization: `Bearer ${user.token}` })));
    sockets.push(supervisorSocket, agentSocket);
    for (const socket of sockets) expect(await socket.ask({ action: 'ping', timestamp: 'flow' })).toEqual({ event: 'pong', data: { timestamp: 'flow' } });
  });

  it('answers a signed inbound call with the menu, and key 2 puts the caller in the call’s conference; the call is INBOUND', SLOW, async () => {
    const played = await runtime.fakes.twilio.ringService({ to: number, from: CUSTOMER, digits: ['2'] });
    expect(played.steps.map((step) => step.status)).toEqual([200, 200]);
    const [greeting, routed] = played.steps;
    expect(greeting.twiml).toContain('<Gather numDigits="1" action="');
    expect(greeting.twiml).toContain('<Say>Thanks for calling. Press 1 for sales, 2 for an agent.</Say></Gather>');
    expect(new URL(routed.url).pathname).toBe('/kraliki/webhooks/twilio-gather');

    const calls = await h.app.get('/api/calls', { token: supervisor.token });
    expect(calls.status, calls.text).toBe(200);
    const inbound = calls.body.items.find((c: any) => c.twilio_call_sid === played.callSid);
    expect(inbound).toMatchObject({ direction: 'INBOUND', status: 'IN_PROGRESS', from_number: CUSTOMER, to_number: number });
    expect(routed.twiml).toContain(
      `<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="true" beep="false">call-${inbound.id}</Conference></Dial>`,
    );
  });

  it('places an outbound call that Twilio plays forward; the agent is dialled in once and the supervisor’s socket follows it', SLOW, async () => {
    const since = new Date().toISOString();
    const placed = await h.app.post('/api/calls', { token: supervisor.token, json: { from_number: number, to_number: CUSTOMER, direction: 'OUTBOUND' } });
    expect(placed.status, placed.text).toBe(201);
    const sid = placed.body.twilio_call_sid as string;
    const created = await runtime.outbox.waitFor({ channel: 'twilio', to: '/Calls.json', since }, WAIT.timeoutMs);
    expect(created.payload).toEqual({
      method: 'POST',
      params: expect.objectContaining({ To: CUSTOMER, From: number, StatusCallback: `${runtime.url}/kraliki/webhooks/twilio-status` }),
    });

    const assigned = await h.app.put(`/api/calls/${placed.body.id}`, { token: supervisor.token, json: { agent_id: agentUser.id } });
    expect(assigned.status, assigned.text).toBe(200);
    const answered = await eventually(
      async () => {
        const current = (await h.app.get(`/api/calls/${placed.body.id}`, { token: agentUser.token })).body;
        return current.status === 'IN_PROGRESS' && current.agent_call_sid && current;
      },
      { ...WAIT, what: 'the call answered and the agent dialled in' },
    );
    call = { id: placed.body.id, sid, agentLeg: answered.agent_call_sid };

    // The service asks for every progress event; each signed callback was accepted.
    const delivered = await eventually(() => {
      const posted = runtime.fakes.twilio.deliveries.filter((d) => d.callSid === sid);
      return posted.some((d) => d.status === 'in-progress') && posted;
    }, WAIT);
    expect(delivered.map((d) => [d.status, d.responseStatus])).toEqual([
      ['initiated', 200],
      ['ringing', 200],
      ['in-progress', 200],
    ]);
    // The answer may come before or after the assignment (the stand-in keeps Twilio's pace), so the
    // agent named in that event is either; the supervisor sees every step of the call either way.
    for (const status of ['RINGING', 'IN_PROGRESS']) {
      const live = await supervisorSocket.next((f) => f.event === 'call:status' && f.data.call_id === call.id && f.data.status === status, WAIT);
      expect(live.data).toMatchObject({ direction: 'OUTBOUND', duration: null });
    }
    expect(twilioRequests(runtime, `${conferencePath(call.id)}.json`).map((r) => r.payload)).toEqual([
      { method: 'POST', params: expect.objectContaining({ From: number, To: `client:${agentUser.id}`, Label: 'agent' }) },
    ]);
  });

  it('lets the supervisor monitor, whisper to the agent and barge in, each a Participants request, then end the call for both to see', SLOW, async () => {
    const conference = conferencePath(call.id);
    const monitored = await h.app.post(`/api/supervisor/calls/${call.id}/monitor`, { token: supervisor.token });
    expect(monitored.status, monitored.text).toBe(200);
    const leg = monitored.body.participant_call_sid as string;
    expect(leg).toMatch(/^CA/);
    const whispered = await h.app.post(`/api/supervisor/calls/${call.id}/whisper`, { token: supervisor.token });
    expect(whispered.status, whispered.text).toBe(200);
    const barged = await h.app.post(`/api/supervisor/calls/${call.id}/barge-in`, { token: supervisor.token });
    expect(barged.status, barged.text).toBe(200);

    const requests = runtime.outbox.list({ channel: 'twilio' }).filter((r) => r.to.startsWith(conference));
    expect(requests.map((r) => [r.channel, r.to, r.payload])).toEqual([
      ['twilio', `${conference}.json`, { method: 'POST', params: expect.objectContaining({ To: `client:${agentUser.id}`, Label: 'agent' }) }],
      ['twilio', `${conference}.json`, { method: 'POST', params: { From: number, To: `client:${supervisor.id}`, Label: 'supervisor', Muted: 'true' } }],
      ['twilio', `${conference}/${leg}.json`, { method: 'POST', params: { Muted: 'false', Coaching: 'true', CallSidToCoach: call.agentLeg } }],
      ['twilio', `${conference}/${leg}.json`, { method: 'POST', params: { Muted: 'false', Coaching: 'false' } }],
    ]);
    expect(runtime.fakes.twilio.participants.get(`call-${call.id}/${leg}`)).toMatchObject({ muted: false, coaching: false });

    const ended = await h.app.post(`/api/supervisor/calls/${call.id}/end`, { token: supervisor.token });
    expect([ended.status, ended.body]).toEqual([200, { success: true, message: 'Call ended' }]);
    expect(twilioRequests(runtime, `/Calls/${call.sid}.json`).map((r) => r.payload)).toEqual([{ method: 'POST', params: { Status: 'completed' } }]);
    for (const socket of [supervisorSocket, agentSocket]) {
      const done = await socket.next((f) => f.event === 'call:status' && f.data.call_id === call.id && f.data.status === 'COMPLETED', WAIT);
      expect(done.data).toMatchObject({ direction: 'OUTBOUND', agent_id: agentUser.id });
    }
    expect((await h.app.get(`/api/calls/${call.id}`, { token: supervisor.token })).body.status).toBe('COMPLETED');
  });
});
