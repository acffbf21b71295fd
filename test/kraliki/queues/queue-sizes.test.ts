/**
 * Queue sizes through the signed Twilio webhooks and the local gateway: a call
 * the IVR answers with `<Enqueue>` counts into its queue once (replayed answers
 * too), leaves it once (`<Enqueue>`'s action with `QueueResult`, or its final
 * status, whichever comes first, concurrently or replayed), never below zero;
 * each change reaches the organization's supervisors and admins as
 * `queue:size`, never its agents or another organization; the sizes are read
 * at GET /api/supervisor/queues by supervisors and admins only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { type LiveSocket, socketPool } from '../../pytake/live/live-socket.ts';
import { kralikiHarness, type Org, type OrgUser } from '../app-client.ts';
import { CUSTOMER, callSid as newCallSid, orgWithNumber } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
const openSocket = socketPool(afterEach);
/** A test's first call of each function builds that function: on a busy machine a test touching many takes a while. */
const SLOW = { timeout: 120_000 };

const connect = (user: OrgUser) => openSocket(`${runtime.url.replace(/^http/, 'ws')}/kraliki/ws`, { authorization: `Bearer ${user.token}` });
/** Every queued live event posted, and everything posted to `sockets` arrived: what they did not get, they never will. */
const settled = async (...sockets: LiveSocket[]) => {
  await runtime.queues.drained('kraliki-live-events', 30_000);
  await Promise.all(sockets.map((socket) => socket.roundTrip()));
};
const sizes = (socket: LiveSocket) => socket.ofEvent('queue:size').map((frame) => frame.data);

const webhookUrl = (name: string) => `${runtime.url}/kraliki/webhooks/${name}`;

/** Posts to `url` as Twilio does: form-encoded, signed for that exact URL. */
async function twilio(url: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
  const signed = runtime.fakes.twilio.signedRequest(url, { AccountSid: runtime.fakes.twilio.accountSid, ...params });
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
  return { status: response.status, text: await response.text() };
}

/** Twilio asking how to answer a new inbound call to `number` (an org without a main menu: its default queue). */
const answer = (number: string, callSid: string) =>
  twilio(webhookUrl('twilio-voice'), { CallSid: callSid, From: CUSTOMER, To: number, CallStatus: 'ringing', Direction: 'inbound' });

const unescapeXml = (text: string) => text.replace(/&amp;/g, '&');
const enqueueAction = (twiml: string) => unescapeXml(/<Enqueue [^>]*action="([^"]+)"/.exec(twiml)?.[1] ?? '');

/** Twilio requesting `<Enqueue>`'s action: the call left its queue. */
const leave = (action: string, callSid: string, queueResult: string) =>
  twilio(action, { CallSid: callSid, CallStatus: 'in-progress', QueueResult: queueResult, QueueSid: `QU${callSid.slice(2)}`, QueueTime: '12' });

const finalStatus = (callSid: string, status = 'completed') => twilio(webhookUrl('twilio-status'), { CallSid: callSid, CallStatus: status });

const queuesOf = async (user: OrgUser) => {
  const reply = await h.app.get('/api/supervisor/queues', { token: user.token });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};

/** A queued inbound call of `number`'s organization: answered, its `<Enqueue>` action returned. */
async function queuedCall(number: string): Promise<{ sid: string; action: string }> {
  const sid = newCallSid();
  const reply = await answer(number, sid);
  expect(reply.status, reply.text).toBe(200);
  const action = enqueueAction(reply.text);
  expect(action).toBe(webhookUrl('twilio-queue'));
  return { sid, action };
}

describe('queue sizes', () => {
  it('an answered call counts into its queue once, leaves it once, and only supervisors and admins of its organization hear of it', SLOW, async () => {
    const { org, number } = await orgWithNumber(h);
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const { user: agentUser } = await h.addAgent(org);
    const stranger = await h.registerOrg();
    const [adminSocket, supervisorSocket, agentSocket, strangerSocket] = await Promise.all([org.admin, supervisor, agentUser, stranger.admin].map(connect));

    const { sid, action } = await queuedCall(number);
    for (const socket of [adminSocket, supervisorSocket]) {
      expect((await socket.next((f) => f.event === 'queue:size')).data).toEqual({ queue: 'default', size: 1 });
    }
    // Twilio retrying its answer request counts nothing again.
    expect((await answer(number, sid)).text).toContain('</Enqueue>');
    expect(await queuesOf(supervisor)).toEqual({ queues: [{ queue: 'default', size: 1 }], total_waiting: 1 });

    const left = await leave(action, sid, 'hangup');
    expect(left.status, left.text).toBe(200);
    expect(left.text).toContain('<Hangup/>');
    expect((await supervisorSocket.next((f) => f.event === 'queue:size' && f.data.size === 0)).data).toEqual({ queue: 'default', size: 0 });

    // The action replayed and the final status after it change nothing.
    expect((await leave(action, sid, 'hangup')).status).toBe(200);
    expect((await finalStatus(sid)).status).toBe(200);
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'default', size: 0 }], total_waiting: 0 });

    await settled(adminSocket, supervisorSocket, agentSocket, strangerSocket);
    expect(sizes(supervisorSocket)).toEqual([
      { queue: 'default', size: 1 },
      { queue: 'default', size: 0 },
    ]);
    expect(sizes(adminSocket)).toHaveLength(2);
    expect(sizes(agentSocket)).toEqual([]);
    expect(sizes(strangerSocket)).toEqual([]);
    expect(await queuesOf(stranger.admin)).toEqual({ queues: [], total_waiting: 0 });
  });

  it('a call that ends while waiting leaves its queue on its final status', SLOW, async () => {
    const { org, number } = await orgWithNumber(h);
    const socket = await connect(org.admin);
    const first = await queuedCall(number);
    await queuedCall(number);
    await socket.next((f) => f.event === 'queue:size' && f.data.size === 2);

    expect((await finalStatus(first.sid, 'no-answer')).status).toBe(200);
    expect((await socket.next((f) => f.event === 'queue:size' && f.data.size === 1)).data).toEqual({ queue: 'default', size: 1 });
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'default', size: 1 }], total_waiting: 1 });
    // Its action, arriving late, counts nothing out.
    expect((await leave(first.action, first.sid, 'hangup')).status).toBe(200);
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'default', size: 1 }], total_waiting: 1 });
  });

  it('concurrent and replayed answers count each call in once, and leaving callbacks count it out once, never below zero, never a 500', SLOW, async () => {
    const { org, number } = await orgWithNumber(h);
    const calls = await Promise.all([0, 1, 2].map(() => queuedCall(number)));
    // Twilio's answer request retried several times at once for each call still counts each once.
    const retried = await Promise.all(calls.flatMap(({ sid }) => [answer(number, sid), answer(number, sid), answer(number, sid)]));
    expect(retried.map((reply) => reply.status)).toEqual(retried.map(() => 200));
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'default', size: 3 }], total_waiting: 3 });

    const replies = await Promise.all(
      calls.flatMap(({ sid, action }) => [
        leave(action, sid, 'hangup'),
        leave(action, sid, 'hangup'),
        finalStatus(sid),
        finalStatus(sid),
        leave(action, sid, 'leave'),
      ]),
    );
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'default', size: 0 }], total_waiting: 0 });
  });

  it('an IVR option’s queue is counted under its own name', SLOW, async () => {
    const { org, number } = await orgWithNumber(h);
    const menu = await h.app.post('/api/ivr/menus', {
      token: org.admin.token,
      json: { name: 'Main', greeting: 'Press 1 for sales.', options: [{ digit: '1', description: 'sales', action: 'queue', target: 'sales' }] },
    });
    expect(menu.status, menu.text).toBe(201);
    expect((await h.app.put('/api/ivr/config', { token: org.admin.token, json: { main_menu_id: menu.body.menu.id } })).status).toBe(200);

    const sid = newCallSid();
    const prompt = await answer(number, sid);
    const gatherAction = unescapeXml(/<Gather [^>]*action="([^"]+)"/.exec(prompt.text)?.[1] ?? '');
    const chosen = await twilio(gatherAction, { CallSid: sid, From: CUSTOMER, CallStatus: 'in-progress', Digits: '1' });
    expect(chosen.text).toContain(`>${org.id}.sales</Enqueue>`);
    expect(enqueueAction(chosen.text)).toBe(webhookUrl('twilio-queue'));
    expect(await queuesOf(org.admin)).toEqual({ queues: [{ queue: 'sales', size: 1 }], total_waiting: 1 });
  });

  it('GET /api/supervisor/queues is for supervisors and admins: an agent is refused', SLOW, async () => {
    const org: Org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const refused = await h.app.get('/api/supervisor/queues', { token: agent.token });
    expect(refused.status, refused.text).toBe(403);
    expect(typeof refused.body.detail).toBe('string');
    expect((await h.app.get('/api/supervisor/queues')).status).toBe(401);
  });
});
