/**
 * The runtime's Twilio stand-in, driven by the real twilio SDK as the service's
 * code drives it (shared/providers/twilio.ts): calls and conference
 * participants recorded in the outbox with Twilio's names, answers shaped like
 * Twilio's, basic auth, and calls played forward with signed status callbacks
 * that the service's twilio-status webhook accepts and applies.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { twilioAccount } from '../../../shared/providers/twilio.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

const client = () =>
  twilioAccount({ accountSid: runtime.fakes.twilio.accountSid, authToken: runtime.fakes.twilio.authToken, apiBaseUrl: runtime.fakes.twilio.url });
const statusCallback = () => `${runtime.url}/kraliki/webhooks/twilio-status`;
const twilioOutbox = () => runtime.outbox.list({ channel: 'twilio' });

async function callOf(callSid: string): Promise<Record<string, any> | undefined> {
  const sentinel = await h.table.get(`CALL_SID#${callSid}`, 'CALL_SID');
  return sentinel && h.table.get(`ORG#${sentinel.organization_id}`, `CALL#${sentinel.call_id}`);
}

describe('the Twilio stand-in', () => {
  it('creates a call for the SDK, answering as Twilio does, and records the request in the outbox', async () => {
    const call = await client().calls.create({
      to: '+14155550111',
      from: '+14155550100',
      url: `${runtime.url}/kraliki/webhooks/twilio-voice`,
      statusCallback: statusCallback(),
      statusCallbackEvent: ['ringing', 'answered', 'completed'],
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call).toMatchObject({
      accountSid: runtime.fakes.twilio.accountSid,
      to: '+14155550111',
      from: '+14155550100',
      status: 'queued',
      direction: 'outbound-api',
    });
    const record = twilioOutbox().find((r) => r.to === '/Calls.json');
    expect(record).toMatchObject({
      channel: 'twilio',
      service: 'kraliki',
      payload: {
        method: 'POST',
        params: {
          To: '+14155550111',
          From: '+14155550100',
          Url: `${runtime.url}/kraliki/webhooks/twilio-voice`,
          StatusCallback: statusCallback(),
          StatusCallbackEvent: ['ringing', 'answered', 'completed'],
        },
      },
    });
    const fetched = await client().calls(call.sid).fetch();
    expect(fetched.sid).toBe(call.sid);
  });

  it('refuses a wrong auth token as Twilio does (401, code 20003), recording nothing', async () => {
    const before = twilioOutbox().length;
    const wrong = twilioAccount({ accountSid: runtime.fakes.twilio.accountSid, authToken: 'wrong', apiBaseUrl: runtime.fakes.twilio.url });
    await expect(wrong.calls.create({ to: '+14155550111', from: '+14155550100', twiml: '<Response/>' })).rejects.toMatchObject({ status: 401, code: 20003 });
    expect(twilioOutbox()).toHaveLength(before);
  });

  it('adds and updates conference participants, each request in the outbox under its resource path', async () => {
    const conference = 'call-1234';
    const participant = await client()
      .conferences(conference)
      .participants.create({ from: '+14155550100', to: 'client:supervisor', muted: true, label: 'supervisor' });
    expect(participant.callSid).toMatch(/^CA/);
    expect(participant).toMatchObject({ muted: true, coaching: false, label: 'supervisor' });
    const agentLeg = 'CA00000000000000000000000000000001';
    const whisper = await client().conferences(conference).participants(participant.callSid).update({ coaching: true, callSidToCoach: agentLeg, muted: false });
    expect(whisper).toMatchObject({ coaching: true, callSidToCoach: agentLeg, muted: false });
    expect(twilioOutbox().filter((r) => r.to.startsWith(`/Conferences/${conference}/`))).toEqual([
      expect.objectContaining({
        to: `/Conferences/${conference}/Participants.json`,
        payload: { method: 'POST', params: { From: '+14155550100', To: 'client:supervisor', Muted: 'true', Label: 'supervisor' } },
      }),
      expect.objectContaining({
        to: `/Conferences/${conference}/Participants/${participant.callSid}.json`,
        payload: { method: 'POST', params: { Coaching: 'true', CallSidToCoach: agentLeg, Muted: 'false' } },
      }),
    ]);
  });

  it('answers 503 when the outbox refuses Twilio’s channel, as in an outage', async () => {
    runtime.outbox.failNext('twilio');
    await expect(client().calls.create({ to: '+14155550111', from: '+14155550100', twiml: '<Response/>' })).rejects.toMatchObject({ status: 503 });
  });

  it('plays a call forward with signed status callbacks that the service accepts and applies', async () => {
    const fake = runtime.fakes.twilio;
    fake.timing = { ringAfterMs: 10, answerAfterMs: 50, hangUpAfterMs: 150 };
    const org = await h.registerOrg();
    const number = '+14152990001';
    expect((await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } })).status).toBe(200);
    fake.playCallsForward = false;
    const call = await client().calls.create({ to: number, from: '+14155550100', twiml: '<Response/>', statusCallback: statusCallback() });
    fake.playCallsForward = true;
    // The call record, as an answer request for this CallSid would have made it.
    const voiceUrl = `${runtime.url}/kraliki/webhooks/twilio-voice`;
    const voice = fake.signedRequest(voiceUrl, { CallSid: call.sid, From: '+14155550100', To: number, CallStatus: 'ringing', Direction: 'inbound' });
    expect((await fetch(voiceUrl, { method: 'POST', headers: voice.headers, body: voice.body })).status).toBe(200);
    expect(await fake.postStatus(call.sid, 'in-progress')).toBe(200);
    expect((await callOf(call.sid))!.status).toBe('IN_PROGRESS');
    expect(await fake.postStatus(call.sid, 'completed')).toBe(200);
    expect((await callOf(call.sid))!.status).toBe('COMPLETED');

    const played = await client().calls.create({ to: '+14155550111', from: number, twiml: '<Response/>', statusCallback: statusCallback() });
    const deliveries = await eventually(() => {
      const seen = fake.deliveries.filter((d) => d.callSid === played.sid);
      return seen.length === 3 && seen;
    });
    expect(deliveries.map((d) => [d.status, d.responseStatus])).toEqual([
      ['ringing', 200],
      ['in-progress', 200],
      ['completed', 200],
    ]);
    expect((await client().calls(played.sid).fetch()).status).toBe('completed');
  });

  it('ends a call at once on an update to completed', async () => {
    const fake = runtime.fakes.twilio;
    fake.timing = { ringAfterMs: 10, answerAfterMs: 20, hangUpAfterMs: 60_000 };
    const call = await client().calls.create({ to: '+14155550111', from: '+14155550100', twiml: '<Response/>', statusCallback: statusCallback() });
    await eventually(() => fake.deliveries.some((d) => d.callSid === call.sid && d.status === 'in-progress'));
    const ended = await client().calls(call.sid).update({ status: 'completed' });
    expect(ended.status).toBe('completed');
    expect(twilioOutbox().at(-1)).toMatchObject({ to: `/Calls/${call.sid}.json`, payload: { method: 'POST', params: { Status: 'completed' } } });
    await eventually(() => fake.deliveries.some((d) => d.callSid === call.sid && d.status === 'completed' && d.responseStatus === 200));
  });

  it('rings the service as Twilio would: an inbound call walks the IVR into the call’s conference, then hangs up', async () => {
    const org = await h.registerOrg();
    const number = '+14152990002';
    expect((await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } })).status).toBe(200);
    const menu = await h.app.post('/api/ivr/menus', {
      token: org.admin.token,
      json: { name: 'Main', greeting: 'Press 2 for an agent.', options: [{ digit: '2', description: 'agent', action: 'transfer' }] },
    });
    expect((await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: menu.body.menu.id } })).status).toBe(200);
    const reply = await fetch(`${runtime.fakes.twilio.url}/_stand-in/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: number, digits: ['2'], hangUp: true }),
    });
    expect(reply.status).toBe(200);
    const played = (await reply.json()) as { callSid: string; steps: { url: string; status: number; twiml: string }[] };
    expect(played.steps.map((step) => [new URL(step.url).pathname, step.status])).toEqual([
      ['/kraliki/webhooks/twilio-voice', 200],
      ['/kraliki/webhooks/twilio-gather', 200],
      ['/kraliki/webhooks/twilio-status', 200],
    ]);
    expect(played.steps[0].twiml).toContain('<Say>Press 2 for an agent.</Say>');
    const call = await callOf(played.callSid);
    expect(played.steps[1].twiml).toContain(`<Conference startConferenceOnEnter="true" endConferenceOnExit="true" beep="false">call-${call!.id}</Conference>`);
    expect(call).toMatchObject({ organization_id: org.id, direction: 'INBOUND', status: 'COMPLETED', duration: 30, ivr: { digit: '2', action: 'transfer' } });
  });
});
