/**
 * Twilio's webhooks through the runtime's Function URLs, signed as Twilio
 * signs them (the Twilio stand-in's signer, the SDK's own code): the signature
 * check, an inbound call walking the IVR (TwiML for menus, keys, a key not
 * offered, silence, a submenu, voicemail), status callbacks replayed and out
 * of order, recordings and transcriptions; and what the function logs.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';

const logged: string[] = [];
const runtime = sharedRuntime({ services: [kraliki], log: (line) => logged.push(line) });
const h = kralikiHarness(runtime);

let next = 10;
/** A valid US number no other test of this file uses. */
const uniqueNumber = () => `+14152${String(next++).padStart(2, '0')}${String(1000 + (Date.now() % 9000)).slice(0, 4)}`;
const CALLER = '+14155550123';
let sids = 0;
const newCallSid = () => `CA${Date.now().toString(16)}${(++sids).toString(16).padStart(6, '0')}`.padEnd(34, '0');

const webhookUrl = (name: string, query = '') => `${runtime.url}/kraliki/webhooks/${name}${query}`;

interface Posted {
  status: number;
  type: string | null;
  text: string;
}

/** Posts to a webhook as Twilio does: form-encoded, signed for the URL called (unless told otherwise). */
async function post(
  name: string,
  params: Record<string, string>,
  options: { query?: string; signature?: 'none' | 'wrong-token' | 'other-url' } = {},
): Promise<Posted> {
  const url = webhookUrl(name, options.query);
  const signedFor = options.signature === 'other-url' ? webhookUrl(name, '?tampered=1') : url;
  const signed = runtime.fakes.twilio.signedRequest(signedFor, params);
  const headers: Record<string, string> = { ...signed.headers };
  if (options.signature === 'none') delete headers['x-twilio-signature'];
  if (options.signature === 'wrong-token') {
    const { getExpectedTwilioSignature } = await import('twilio/lib/webhooks/webhooks.js');
    headers['x-twilio-signature'] = getExpectedTwilioSignature('not-the-token', url, params);
  }
  const response = await fetch(url, { method: 'POST', headers, body: signed.body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Twilio's answer request for a new inbound call. */
const answer = (to: string, callSid = newCallSid(), extra: Record<string, string> = {}) =>
  post('twilio-voice', {
    AccountSid: runtime.fakes.twilio.accountSid,
    CallSid: callSid,
    From: CALLER,
    To: to,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ...extra,
  });

/** Twilio posting the caller's answer to the gather action URL the TwiML named. */
const gather = (action: string, callSid: string, params: Record<string, string> = {}) => {
  const query = new URL(action).search;
  return post(
    'twilio-gather',
    { AccountSid: runtime.fakes.twilio.accountSid, CallSid: callSid, From: CALLER, CallStatus: 'in-progress', ...params },
    { query },
  );
};

const unescapeXml = (text: string) => text.replace(/&amp;/g, '&');
const gatherAction = (twiml: string) => unescapeXml(/<Gather [^>]*action="([^"]+)"/.exec(twiml)?.[1] ?? '');

/** An organization owning a number, optionally with a main menu (and a submenu under 0). */
async function orgWithNumber(options: { menu?: boolean } = {}): Promise<{ org: Org; number: string; menuId?: string; submenuId?: string }> {
  const org = await h.registerOrg();
  const number = uniqueNumber();
  const settings = await h.app.put('/api/settings', { token: org.admin.token, json: { phone_numbers: [number] } });
  expect(settings.status, settings.text).toBe(200);
  if (!options.menu) return { org, number };
  const submenu = await h.app.post('/api/ivr/menus', {
    token: org.admin.token,
    json: { name: 'Billing', greeting: 'Billing. Press 1 to pay.', options: [{ digit: '1', description: 'pay', action: 'queue', target: 'billing' }] },
  });
  const menu = await h.app.post('/api/ivr/menus', {
    token: org.admin.token,
    json: {
      name: 'Main',
      greeting: 'Welcome to Acme & Co. Press 1 for sales, 2 for an agent.',
      max_retries: 2,
      invalid_input_action: 'voicemail',
      options: [
        { digit: '1', description: 'sales', action: 'queue', target: 'sales' },
        { digit: '2', description: 'agent', action: 'transfer' },
        { digit: '0', description: 'billing', action: 'menu', target: submenu.body.menu.id },
        { digit: '9', description: 'message', action: 'voicemail' },
        { digit: '#', description: 'goodbye', action: 'hangup' },
      ],
    },
  });
  expect(menu.status, menu.text).toBe(201);
  expect((await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: menu.body.menu.id } })).status).toBe(200);
  return { org, number, menuId: menu.body.menu.id, submenuId: submenu.body.menu.id };
}

async function callOf(callSid: string): Promise<Record<string, any> | undefined> {
  const sentinel = await h.table.get(`CALL_SID#${callSid}`, 'CALL_SID');
  if (!sentinel) return undefined;
  return h.table.get(`ORG#${sentinel.organization_id}`, `CALL#${sentinel.call_id}`);
}

describe('X-Twilio-Signature', () => {
  it('answers 403 to a request without it, signed with another token or for another URL, and changes nothing', async () => {
    const { org, number } = await orgWithNumber({ menu: true });
    const before = await h.orgItems(org);
    for (const signature of ['none', 'wrong-token', 'other-url'] as const) {
      const callSid = newCallSid();
      const reply = await post('twilio-voice', { CallSid: callSid, From: CALLER, To: number, CallStatus: 'ringing', Direction: 'inbound' }, { signature });
      expect(reply.status, signature).toBe(403);
      expect(reply.text).not.toContain('<Response>');
      expect(await callOf(callSid)).toBeUndefined();
    }
    for (const name of ['twilio-gather', 'twilio-status', 'twilio-recording', 'twilio-transcription']) {
      expect((await post(name, { CallSid: newCallSid(), CallStatus: 'completed' }, { signature: 'none' })).status, name).toBe(403);
    }
    expect(await h.orgItems(org)).toEqual(before);
  });

  it('accepts a signature made by hand as Twilio documents it: HMAC-SHA1 of the URL and the sorted name+value pairs', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    const params: Record<string, string> = { To: number, From: CALLER, CallSid: callSid, CallStatus: 'ringing', Direction: 'inbound' };
    const url = webhookUrl('twilio-voice', '?source=hand');
    const data =
      url +
      Object.keys(params)
        .sort()
        .map((name) => name + params[name])
        .join('');
    const signature = createHmac('sha1', runtime.fakes.twilio.authToken).update(data).digest('base64');
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(reply.status).toBe(200);
    expect(await callOf(callSid)).toMatchObject({ twilio_call_sid: callSid, direction: 'INBOUND' });
  });

  it('answers 403 when a signed parameter was changed on the way', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    const params = { CallSid: callSid, From: CALLER, To: number, CallStatus: 'ringing', Direction: 'inbound' };
    const signed = runtime.fakes.twilio.signedRequest(webhookUrl('twilio-voice'), params);
    const tampered = new URLSearchParams({ ...params, To: uniqueNumber() }).toString();
    expect((await fetch(webhookUrl('twilio-voice'), { method: 'POST', headers: signed.headers, body: tampered })).status).toBe(403);
    expect(await callOf(callSid)).toBeUndefined();
  });
});

describe('twilio-voice', () => {
  it('answers an organization’s number with its main menu as TwiML and creates one INBOUND call, a retry finding the same', async () => {
    const { org, number, menuId } = await orgWithNumber({ menu: true });
    const callSid = newCallSid();
    const reply = await answer(number, callSid);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('text/xml');
    const action = webhookUrl('twilio-gather', `?menu=${menuId}&attempt=1`);
    expect(reply.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1" action="${action.replace(/&/g, '&amp;')}" method="POST" timeout="5">` +
        '<Say>Welcome to Acme &amp; Co. Press 1 for sales, 2 for an agent.</Say></Gather>' +
        `<Redirect method="POST">${action.replace(/&/g, '&amp;')}</Redirect></Response>`,
    );
    const call = await callOf(callSid);
    expect(call).toMatchObject({
      organization_id: org.id,
      twilio_call_sid: callSid,
      direction: 'INBOUND',
      status: 'RINGING',
      from_number: CALLER,
      to_number: number,
      provider: 'TWILIO',
    });
    expect((await answer(number, callSid)).text).toBe(reply.text);
    const calls = (await h.table.partition(`ORG#${org.id}`)).filter((item) => String(item.sk).startsWith('CALL#'));
    expect(calls).toHaveLength(1);
  });

  it('puts a call to a number without a main menu in the organization’s default queue', async () => {
    const { org, number } = await orgWithNumber();
    const reply = await answer(number);
    expect(reply.text).toContain(`>${org.id}.default</Enqueue>`);
  });

  it('joins an answered outbound call of this service to its conference, and hangs up one it does not know', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    await answer(number, callSid);
    const call = await callOf(callSid);
    const outbound = await answer(CALLER, callSid, { Direction: 'outbound-api', From: number });
    expect(outbound.text).toContain(
      `<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="true" beep="false">call-${call!.id}</Conference></Dial>`,
    );
    expect((await answer(CALLER, newCallSid(), { Direction: 'outbound-api', From: number })).text).toMatch(/<Hangup\/><\/Response>$/);
  });

  it('answers a number of no organization politely and hangs up, storing nothing', async () => {
    const callSid = newCallSid();
    const reply = await answer(uniqueNumber(), callSid);
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/<Response><Say>[^<]+<\/Say><Hangup\/><\/Response>$/);
    expect(await callOf(callSid)).toBeUndefined();
  });
});

describe('twilio-gather: the IVR', () => {
  it('routes keys to a queue, the call’s conference, voicemail or a hang-up, noting the choice on the call', async () => {
    const { org, number } = await orgWithNumber({ menu: true });
    const cases: [string, (twiml: string, callId: string) => void][] = [
      ['1', (twiml) => expect(twiml).toContain(`>${org.id}.sales</Enqueue>`)],
      [
        '2',
        (twiml, callId) =>
          expect(twiml).toContain(`<Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="true" beep="false">call-${callId}</Conference></Dial>`),
      ],
      [
        '9',
        (twiml) => {
          expect(twiml).toContain('<Record ');
          expect(twiml).toContain(`recordingStatusCallback="${webhookUrl('twilio-recording')}"`);
          expect(twiml).toContain(`transcribeCallback="${webhookUrl('twilio-transcription')}"`);
        },
      ],
      ['#', (twiml) => expect(twiml).toMatch(/<Say>[^<]+<\/Say><Hangup\/><\/Response>$/)],
    ];
    for (const [digit, check] of cases) {
      const callSid = newCallSid();
      const action = gatherAction((await answer(number, callSid)).text);
      const reply = await gather(action, callSid, { Digits: digit });
      expect(reply.status).toBe(200);
      expect(reply.type).toBe('text/xml');
      const call = await callOf(callSid);
      check(reply.text, call!.id);
      expect(call!.ivr).toMatchObject({ digit });
      // The caller answering is on an answered call.
      expect(call!.status).toBe('IN_PROGRESS');
    }
  });

  it('plays a submenu, and prompts again after a key not offered or silence until the menu’s fallback', async () => {
    const { number, submenuId } = await orgWithNumber({ menu: true });
    const callSid = newCallSid();
    const first = gatherAction((await answer(number, callSid)).text);

    const invalid = await gather(first, callSid, { Digits: '7' });
    expect(invalid.text).toContain('<Say>Sorry, that is not a valid option.</Say><Gather ');
    const second = gatherAction(invalid.text);
    expect(second).toContain('attempt=2');
    // Retries used up (max_retries 2): the menu's invalid-input action, voicemail.
    const fallback = await gather(second, callSid, { Digits: '7' });
    expect(fallback.text).toContain('<Record ');
    expect((await callOf(callSid))!.ivr).toMatchObject({ action: 'voicemail', digit: null });

    const silentSid = newCallSid();
    const silentAction = gatherAction((await answer(number, silentSid)).text);
    const silence = await gather(silentAction, silentSid);
    expect(silence.text).not.toContain('not a valid option');
    expect(gatherAction(silence.text)).toContain('attempt=2');
    // No input twice: `repeat` ends in a hang-up.
    expect((await gather(gatherAction(silence.text), silentSid)).text).toMatch(/<Hangup\/><\/Response>$/);

    const submenuSid = newCallSid();
    const submenu = await gather(gatherAction((await answer(number, submenuSid)).text), submenuSid, { Digits: '0' });
    expect(submenu.text).toContain('<Say>Billing. Press 1 to pay.</Say>');
    expect(gatherAction(submenu.text)).toContain(`menu=${submenuId}&attempt=1`);
    expect((await gather(gatherAction(submenu.text), submenuSid, { Digits: '1' })).text).toContain('.billing</Enqueue>');
  });

  it('understands a spoken option, and says goodbye after a voicemail', async () => {
    const { number } = await orgWithNumber({ menu: true });
    const callSid = newCallSid();
    const action = gatherAction((await answer(number, callSid)).text);
    expect((await gather(action, callSid, { SpeechResult: 'Sales, please.' })).text).toContain('.sales</Enqueue>');
    const done = await gather(webhookUrl('twilio-gather', '?step=voicemail-done'), callSid, { RecordingUrl: 'https://api.twilio.com/rec/RE1', Digits: '#' });
    expect(done.text).toMatch(/<Say>Thank you for your message. Goodbye.<\/Say><Hangup\/><\/Response>$/);
  });
});

describe('twilio-status', () => {
  const status = (callSid: string, callStatus: string, extra: Record<string, string> = {}) =>
    post('twilio-status', { AccountSid: runtime.fakes.twilio.accountSid, CallSid: callSid, CallStatus: callStatus, ...extra });

  it('moves the call forward, replays changing nothing, and never moves a finished call back', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    await answer(number, callSid);
    expect((await status(callSid, 'in-progress')).status).toBe(200);
    expect((await callOf(callSid))!.status).toBe('IN_PROGRESS');
    // An out-of-order `ringing` after in-progress: ignored.
    await status(callSid, 'ringing');
    expect((await callOf(callSid))!.status).toBe('IN_PROGRESS');
    expect((await status(callSid, 'completed', { CallDuration: '42' })).status).toBe(200);
    const finished = await callOf(callSid);
    expect(finished).toMatchObject({ status: 'COMPLETED', duration: 42 });
    expect(finished!.end_time).toEqual(expect.any(String));
    // Replayed and late callbacks: 200, nothing changes.
    for (const late of ['completed', 'in-progress', 'ringing', 'busy']) expect((await status(callSid, late, { CallDuration: '1' })).status).toBe(200);
    expect(await callOf(callSid)).toEqual(finished);
  });

  it('takes a final status that arrives before the others', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    await answer(number, callSid);
    await status(callSid, 'no-answer');
    await status(callSid, 'in-progress');
    expect((await callOf(callSid))!.status).toBe('NO_ANSWER');
  });

  it('answers 200 for a CallSid it does not know, and logs it', async () => {
    const reply = await status(newCallSid(), 'completed');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(logged.some((line) => line.includes('status callback for an unknown call'))).toBe(true);
  });
});

describe('twilio-recording and twilio-transcription', () => {
  it('attaches a finished recording’s URL, ignoring unfinished ones and unknown calls', async () => {
    const { number } = await orgWithNumber();
    const callSid = newCallSid();
    await answer(number, callSid);
    const recording = (recordingStatus: string) => ({
      CallSid: callSid,
      RecordingSid: 'RE0123456789abcdef0123456789abcdef',
      RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE0123456789abcdef0123456789abcdef',
      RecordingStatus: recordingStatus,
      RecordingDuration: '12',
    });
    expect((await post('twilio-recording', recording('in-progress'))).status).toBe(200);
    expect((await callOf(callSid))!.recording_url).toBeNull();
    expect((await post('twilio-recording', recording('completed'))).status).toBe(200);
    expect(await callOf(callSid)).toMatchObject({ recording_url: recording('completed').RecordingUrl, recording_sid: recording('completed').RecordingSid });
    expect((await post('twilio-recording', { ...recording('completed'), CallSid: newCallSid() })).status).toBe(200);
  });

  it('adds one transcript per TranscriptionSid, however often Twilio posts it, and none for a failed one', async () => {
    const { org, number } = await orgWithNumber();
    const callSid = newCallSid();
    await answer(number, callSid);
    const transcription = (sid: string, text: string, transcriptionStatus = 'completed') => ({
      CallSid: callSid,
      TranscriptionSid: sid,
      TranscriptionText: text,
      TranscriptionStatus: transcriptionStatus,
      RecordingSid: 'RE1',
    });
    for (let i = 0; i < 3; i++) expect((await post('twilio-transcription', transcription('TR1', 'Please call me back.'))).status).toBe(200);
    await post('twilio-transcription', transcription('TR2', 'Second part.'));
    await post('twilio-transcription', transcription('TR3', '', 'failed'));
    const call = await callOf(callSid);
    const transcripts = (await h.table.partition(`ORG#${org.id}`)).filter((item) => String(item.sk).startsWith(`CALL_TRANSCRIPT#${call!.id}#`));
    expect(transcripts.map((t) => [t.twilio_sid, t.content, t.role])).toEqual([
      ['TR1', 'Please call me back.', 'USER'],
      ['TR2', 'Second part.', 'USER'],
    ]);
  });
});

describe('function logs', () => {
  it('hold no phone number, speech or transcript', () => {
    const webhookLines = logged.filter((line) => line.startsWith('kraliki/webhooks-'));
    expect(webhookLines.length).toBeGreaterThan(10);
    for (const line of webhookLines) {
      expect(line).not.toContain(CALLER.slice(1));
      expect(line).not.toMatch(/14152\d{6}/);
      expect(line).not.toContain('Sales, please');
      expect(line).not.toContain('call me back');
    }
  });
});
