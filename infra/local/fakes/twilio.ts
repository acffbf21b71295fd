/**
 * Twilio's REST API (2010-04-01) on the runtime's port, for the real twilio
 * SDK (pointed here by `TWILIO_API_BASE_URL`, see shared/providers/twilio.ts):
 *
 *   POST   /_local/twilio/2010-04-01/Accounts/{AccountSid}/Calls.json                 creates a call (`To`, `From`, `Url` or `Twiml`)
 *   GET    …/Calls/{CallSid}.json, POST …/Calls/{CallSid}.json                          fetches, updates (`Status=completed|canceled`, `Url`, `Twiml`)
 *   POST   …/Calls/{CallSid}/Recordings.json                                            starts a recording
 *   GET    …/Conferences/{name or sid}/Participants.json, POST (adds one)               a conference's participants
 *   GET    …/Conferences/{name or sid}/Participants/{CallSid}.json, POST (update), DELETE
 *   GET    …/Recordings.json, GET|DELETE …/Recordings/{RecordingSid}.json
 *
 * Every request is recorded in the outbox as `channel: "twilio"`, `to` = the
 * resource path below `/2010-04-01/Accounts/{AccountSid}` (`/Calls.json`),
 * `payload: {method, params}` with Twilio's parameter names. Requests carry
 * HTTP basic auth (account sid and auth token); others are refused as Twilio
 * refuses them (401, code 20003). When the outbox refuses the channel (a test's
 * `failNext`), the request is answered 503 and nothing happens, as in an outage.
 *
 * It plays calls forward: after a create it posts status callbacks to the
 * call's `StatusCallback`, signed exactly as Twilio signs them (the SDK's own
 * signing code), so the service's validator accepts them: the events asked for
 * in `StatusCallbackEvent` (`initiated`, `ringing`, `answered`, `completed`),
 * or, when it names none, ringing → in-progress → completed. An update with
 * `Status=completed` ends the call at once. Tests change the pace (`timing`),
 * stop it (`playCallsForward = false`) and post callbacks themselves (`postStatus`).
 *
 * It also rings the service, as Twilio does for a call to one of its numbers:
 *
 *   POST   /_local/twilio/_stand-in/inbound   {to, from?, digits?: ["1", …], hangUp?: true}
 *
 * posts a signed answer request to kraliki's twilio-voice webhook, then each key
 * to the `<Gather action>` of the TwiML it got back (as the caller pressing it),
 * and with `hangUp` a `completed` status callback; it answers every step's TwiML.
 */
import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { addresses } from '../addresses.ts';
import { ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

type Params = Record<string, string | string[]>;
type Json = Record<string, unknown>;

export const LOCAL_TWILIO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const LOCAL_TWILIO_AUTH_TOKEN = 'local-twilio-auth-token';
const API_VERSION = '2010-04-01';
const KEPT = 2000;

export interface FakeCall {
  sid: string;
  to: string;
  from: string;
  status: string;
  url?: string;
  twiml?: string;
  statusCallback?: string;
  statusCallbackEvents: string[];
  createdAt: Date;
  answeredAt?: Date;
  endedAt?: Date;
}

export interface FakeParticipant {
  conference: string;
  callSid: string;
  params: Params;
  label?: string;
  muted: boolean;
  hold: boolean;
  coaching: boolean;
  callSidToCoach?: string;
}

/** A status callback the stand-in posted, and how the service answered it. */
export interface StatusDelivery {
  callSid: string;
  status: string;
  url: string;
  responseStatus: number;
}

/** An inbound call the stand-in placed on the service: each request it posted and the answer. */
export interface InboundCallPlayed {
  callSid: string;
  steps: { url: string; params: Record<string, string>; status: number; twiml: string }[];
}

/** Milliseconds after a create: ringing, answered, hung up. */
export interface CallTiming {
  ringAfterMs: number;
  answerAfterMs: number;
  hangUpAfterMs: number;
}

const DEFAULT_TIMING: CallTiming = { ringAfterMs: 100, answerAfterMs: 1_000, hangUpAfterMs: 30_000 };

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const bool = (value: string | string[] | undefined, fallback: boolean) => {
  const v = first(value)?.toLowerCase();
  return v === undefined ? fallback : v === 'true';
};
const rfc2822 = (date: Date | undefined) => (date ? date.toUTCString().replace('GMT', '+0000') : null);

const twilioError = (status: number, code: number, message: string): FakeResponse => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

const EVENT_STATUS: Record<string, string> = { initiated: 'initiated', ringing: 'ringing', answered: 'in-progress', completed: 'completed' };
const FINISHED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export class FakeTwilio extends ProviderApi {
  readonly accountSid = LOCAL_TWILIO_ACCOUNT_SID;
  readonly authToken = LOCAL_TWILIO_AUTH_TOKEN;
  /** Post status callbacks on their own after a create (tests that drive them turn it off). */
  playCallsForward = true;
  timing: CallTiming = { ...DEFAULT_TIMING };
  readonly calls = new Map<string, FakeCall>();
  readonly participants = new Map<string, FakeParticipant>();
  readonly recordings = new Map<string, Json>();
  /** Status callbacks posted, oldest first. */
  readonly deliveries: StatusDelivery[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private base = '';

  constructor() {
    super('twilio', "Twilio's REST API", (request) => this.answerRequest(request));
  }

  override mount(baseUrl: string): void {
    super.mount(baseUrl);
    this.base = baseUrl;
  }

  override async stop(): Promise<void> {
    for (const timers of this.timers.values()) for (const timer of timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Where the SDK's `https://api.twilio.com` is served: see shared/providers/twilio.ts. */
  environment(): Record<string, string> {
    return { TWILIO_API_BASE_URL: this.url };
  }

  /** The body of a signed request to a service webhook, as Twilio posts it. */
  signedRequest(url: string, params: Record<string, string>): { headers: Record<string, string>; body: string } {
    return {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(this.authToken, url, params) },
      body: new URLSearchParams(params).toString(),
    };
  }

  /** Posts one status callback of a call this stand-in created, now; the service's answer status. */
  async postStatus(callSid: string, status: string): Promise<number> {
    const call = this.calls.get(callSid);
    if (!call) throw new Error(`the Twilio stand-in has no call ${callSid}`);
    return this.deliver(call, status);
  }

  private async deliver(call: FakeCall, status: string): Promise<number> {
    if (FINISHED.has(call.status) && status !== call.status) return 0;
    call.status = status;
    if (status === 'in-progress') call.answeredAt ??= new Date();
    if (FINISHED.has(status)) {
      call.endedAt ??= new Date();
      this.cancelTimers(call.sid);
    }
    if (!call.statusCallback) return 0;
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: API_VERSION,
      CallSid: call.sid,
      CallStatus: status,
      Called: call.to,
      Caller: call.from,
      Direction: 'outbound-api',
      From: call.from,
      To: call.to,
      Timestamp: rfc2822(new Date())!,
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(this.deliveries.filter((d) => d.callSid === call.sid).length),
    };
    if (FINISHED.has(status)) {
      const answered = call.answeredAt?.getTime();
      params.CallDuration = String(answered ? Math.max(0, Math.round((call.endedAt!.getTime() - answered) / 1000)) : 0);
    }
    const { headers, body } = this.signedRequest(call.statusCallback, params);
    let responseStatus = 0;
    try {
      responseStatus = (await fetch(call.statusCallback, { method: 'POST', headers, body })).status;
    } catch {
      // The service is stopping: Twilio does not retry status callbacks either.
    }
    this.deliveries.push({ callSid: call.sid, status, url: call.statusCallback, responseStatus });
    if (this.deliveries.length > KEPT) this.deliveries.shift();
    return responseStatus;
  }

  private cancelTimers(callSid: string): void {
    for (const timer of this.timers.get(callSid) ?? []) clearTimeout(timer);
    this.timers.delete(callSid);
  }

  /** ringing → in-progress → completed (or the events asked for), one after the other. */
  private playForward(call: FakeCall): void {
    const asked = call.statusCallbackEvents.map((event) => EVENT_STATUS[event]).filter(Boolean);
    const statuses = asked.length ? asked : ['ringing', 'in-progress', 'completed'];
    const at: Record<string, number> = {
      initiated: 0,
      ringing: this.timing.ringAfterMs,
      'in-progress': this.timing.answerAfterMs,
      completed: this.timing.hangUpAfterMs,
    };
    // Each callback waits for the one before it, as Twilio's arrive in order for one call.
    let chain = Promise.resolve();
    const timers = statuses.map((status) =>
      setTimeout(() => {
        chain = chain.then(() => this.deliver(call, status)).then(() => undefined);
      }, at[status]),
    );
    // Without a completed callback asked for, the call still ends.
    if (!statuses.includes('completed')) {
      timers.push(
        setTimeout(() => {
          call.status = 'completed';
          call.endedAt = new Date();
        }, at.completed),
      );
    }
    this.timers.set(call.sid, timers);
  }

  /** A call to `to` as Twilio would place it on the service: the answer request, each key pressed in turn, the hang-up. */
  async ringService(input: { to: string; from?: string; digits?: string[]; hangUp?: boolean; callSid?: string }): Promise<InboundCallPlayed> {
    const callSid = input.callSid ?? sid('CA');
    const common = {
      AccountSid: this.accountSid,
      ApiVersion: API_VERSION,
      CallSid: callSid,
      From: input.from ?? '+15005550006',
      To: input.to,
      Direction: 'inbound',
    };
    const steps: InboundCallPlayed['steps'] = [];
    const step = async (url: string, params: Record<string, string>) => {
      const { headers, body } = this.signedRequest(url, params);
      const response = await fetch(url, { method: 'POST', headers, body });
      steps.push({ url, params, status: response.status, twiml: await response.text() });
      return steps.at(-1)!;
    };
    let last = await step(addresses.webhookUrl(this.base, 'kraliki', 'twilio-voice'), { ...common, CallStatus: 'ringing' });
    for (const digit of input.digits ?? []) {
      const action = /<Gather [^>]*action="([^"]+)"/.exec(last.twiml)?.[1];
      if (!action) break;
      last = await step(action.replace(/&amp;/g, '&'), { ...common, CallStatus: 'in-progress', Digits: digit });
    }
    if (input.hangUp) await step(addresses.webhookUrl(this.base, 'kraliki', 'twilio-status'), { ...common, CallStatus: 'completed', CallDuration: '30' });
    return { callSid, steps };
  }

  private async answerRequest(request: FakeRequest): Promise<FakeResponse> {
    if (request.path === '/_stand-in/inbound' && request.method === 'POST') return this.ringFromRequest(request);
    const [pathname, search = ''] = request.path.split('?');
    const match = /^\/2010-04-01\/Accounts\/([^/]+)(\/.*)$/.exec(pathname);
    if (!match) return twilioError(404, 20404, 'The requested resource was not found');
    if (!this.authorized(request)) return twilioError(401, 20003, 'Authenticate');
    if (decodeURIComponent(match[1]) !== this.accountSid)
      return twilioError(403, 20003, 'Permission Denied: the account in the path is not the authenticated one');
    const resource = match[2];
    const params = request.method === 'GET' || request.method === 'DELETE' ? paramsOf(search) : paramsOf(request.body);
    const recorded = await this.record(resource, request.method, params);
    if (!recorded) return twilioError(503, 20500, 'Service Unavailable');
    return this.route(request.method, resource, params);
  }

  private async ringFromRequest(request: FakeRequest): Promise<FakeResponse> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body);
    } catch {
      return { status: 400, body: { error: 'a JSON body: {to, from?, digits?, hangUp?}' } };
    }
    const digits = Array.isArray(body.digits) ? body.digits.map(String) : [];
    if (typeof body.to !== 'string') return { status: 400, body: { error: 'to: the number called, E.164' } };
    return {
      status: 200,
      body: await this.ringService({ to: body.to, from: typeof body.from === 'string' ? body.from : undefined, digits, hangUp: body.hangUp === true }),
    };
  }

  private authorized(request: FakeRequest): boolean {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!basic) return false;
    const [user, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return user === this.accountSid && rest.join(':') === this.authToken;
  }

  private async record(resource: string, method: string, params: Params): Promise<boolean> {
    const response = await fetch(addresses.outbox(this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'twilio', to: resource, service: 'kraliki', payload: { method, params } }),
    });
    return response.status === 201;
  }

  private route(method: string, resource: string, params: Params): FakeResponse {
    const segments = resource
      .replace(/\.json$/, '')
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const [collection, id, sub, subId] = segments;
    if (collection === 'Calls') {
      if (!id && method === 'POST') return this.createCall(params);
      if (!id && method === 'GET')
        return {
          status: 200,
          body: this.page(
            'calls',
            [...this.calls.values()].map((c) => this.callJson(c)),
          ),
        };
      const call = id ? this.calls.get(id) : undefined;
      if (!call) return twilioError(404, 20404, `The requested resource /2010-04-01/Accounts/${this.accountSid}/Calls/${id}.json was not found`);
      if (!sub && method === 'GET') return { status: 200, body: this.callJson(call) };
      if (!sub && method === 'POST') return this.updateCall(call, params);
      if (sub === 'Recordings' && !subId && method === 'POST') return this.startRecording(call);
    }
    if (collection === 'Conferences' && id && sub === 'Participants') {
      if (!subId && method === 'POST') return this.addParticipant(id, params);
      if (!subId && method === 'GET') {
        const list = [...this.participants.values()].filter((p) => p.conference === id).map((p) => this.participantJson(p));
        return { status: 200, body: this.page('participants', list) };
      }
      if (subId) return this.participantRequest(method, id, subId, params);
    }
    if (collection === 'Recordings') {
      if (!id && method === 'GET') return { status: 200, body: this.page('recordings', [...this.recordings.values()]) };
      const recording = id ? this.recordings.get(id) : undefined;
      if (!recording) return twilioError(404, 20404, 'The requested resource was not found');
      if (method === 'GET') return { status: 200, body: recording };
      if (method === 'DELETE') {
        this.recordings.delete(id);
        return { status: 204 };
      }
    }
    return twilioError(405, 20004, 'Method not allowed');
  }

  private createCall(params: Params): FakeResponse {
    const to = first(params.To);
    const from = first(params.From);
    if (!to) return twilioError(400, 21201, "No 'To' number is specified");
    if (!from) return twilioError(400, 21213, "No 'From' number is specified");
    if (!first(params.Url) && !first(params.Twiml) && !first(params.ApplicationSid)) return twilioError(400, 21205, 'Url parameter is required.');
    const events = ([] as string[])
      .concat(params.StatusCallbackEvent ?? [])
      .flatMap((e) => e.split(/[\s,]+/))
      .filter(Boolean);
    const call: FakeCall = {
      sid: sid('CA'),
      to,
      from,
      status: 'queued',
      url: first(params.Url),
      twiml: first(params.Twiml),
      statusCallback: first(params.StatusCallback),
      statusCallbackEvents: events,
      createdAt: new Date(),
    };
    this.calls.set(call.sid, call);
    if (this.calls.size > KEPT) this.calls.delete(this.calls.keys().next().value!);
    if (this.playCallsForward) this.playForward(call);
    return { status: 201, body: this.callJson(call) };
  }

  private updateCall(call: FakeCall, params: Params): FakeResponse {
    const status = first(params.Status);
    if (status && status !== 'completed' && status !== 'canceled') return twilioError(400, 21218, 'Invalid Status: completed or canceled');
    if (first(params.Url)) call.url = first(params.Url);
    if (first(params.Twiml)) call.twiml = first(params.Twiml);
    if (status && !FINISHED.has(call.status)) {
      const ended = status === 'canceled' && call.status !== 'queued' && call.status !== 'ringing' ? 'completed' : status;
      void this.deliver(call, ended);
      // The status is final now, whatever the callback's fate.
      call.status = ended;
    }
    return { status: 200, body: this.callJson(call) };
  }

  private startRecording(call: FakeCall): FakeResponse {
    const recording = {
      sid: sid('RE'),
      account_sid: this.accountSid,
      call_sid: call.sid,
      conference_sid: null,
      status: 'in-progress',
      channels: 1,
      source: 'StartCallRecordingAPI',
      date_created: rfc2822(new Date()),
      duration: '-1',
      uri: `/2010-04-01/Accounts/${this.accountSid}/Recordings/`,
    };
    recording.uri += `${recording.sid}.json`;
    this.recordings.set(recording.sid, recording);
    return { status: 201, body: recording };
  }

  private addParticipant(conference: string, params: Params): FakeResponse {
    const from = first(params.From);
    const to = first(params.To);
    if (!from || !to) return twilioError(400, 21201, "'From' and 'To' are required");
    const participant: FakeParticipant = {
      conference,
      callSid: sid('CA'),
      params,
      label: first(params.Label),
      muted: bool(params.Muted, false),
      hold: false,
      coaching: bool(params.Coaching, false),
      callSidToCoach: first(params.CallSidToCoach),
    };
    this.participants.set(`${conference}/${participant.callSid}`, participant);
    return { status: 201, body: this.participantJson(participant) };
  }

  private participantRequest(method: string, conference: string, callSid: string, params: Params): FakeResponse {
    const id = `${conference}/${callSid}`;
    // Participants that joined through TwiML (`<Dial><Conference>`) are known only once named here.
    const participant = this.participants.get(id) ?? { conference, callSid, params: {}, muted: false, hold: false, coaching: false };
    if (method === 'DELETE') {
      this.participants.delete(id);
      return { status: 204 };
    }
    if (method === 'POST') {
      participant.muted = bool(params.Muted, participant.muted);
      participant.hold = bool(params.Hold, participant.hold);
      participant.coaching = bool(params.Coaching, participant.coaching);
      participant.callSidToCoach = first(params.CallSidToCoach) ?? participant.callSidToCoach;
      this.participants.set(id, participant);
    }
    return { status: 200, body: this.participantJson(participant) };
  }

  private page(key: string, items: unknown[]): Json {
    return { [key]: items, page: 0, page_size: 50, first_page_uri: null, next_page_uri: null, previous_page_uri: null, uri: null, start: 0, end: items.length };
  }

  private callJson(call: FakeCall): Json {
    const duration = call.endedAt && call.answeredAt ? String(Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000)) : null;
    return {
      sid: call.sid,
      account_sid: this.accountSid,
      api_version: API_VERSION,
      to: call.to,
      to_formatted: call.to,
      from: call.from,
      from_formatted: call.from,
      status: call.status,
      direction: 'outbound-api',
      answered_by: null,
      caller_name: null,
      parent_call_sid: null,
      phone_number_sid: null,
      price: null,
      price_unit: 'USD',
      queue_time: '0',
      trunk_sid: null,
      group_sid: null,
      forwarded_from: null,
      start_time: rfc2822(call.answeredAt),
      end_time: rfc2822(call.endedAt),
      duration,
      date_created: rfc2822(call.createdAt),
      date_updated: rfc2822(new Date()),
      annotation: null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Calls/${call.sid}.json`,
      subresource_uris: {},
    };
  }

  private participantJson(participant: FakeParticipant): Json {
    return {
      account_sid: this.accountSid,
      call_sid: participant.callSid,
      conference_sid: participant.conference.startsWith('CF') ? participant.conference : null,
      label: participant.label ?? null,
      call_sid_to_coach: participant.callSidToCoach ?? null,
      coaching: participant.coaching,
      muted: participant.muted,
      hold: participant.hold,
      start_conference_on_enter: bool(participant.params.StartConferenceOnEnter, true),
      end_conference_on_exit: bool(participant.params.EndConferenceOnExit, false),
      status: 'queued',
      date_created: rfc2822(new Date()),
      date_updated: rfc2822(new Date()),
      uri: `/2010-04-01/Accounts/${this.accountSid}/Conferences/${encodeURIComponent(participant.conference)}/Participants/${participant.callSid}.json`,
    };
  }
}

function paramsOf(text: string): Params {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}
