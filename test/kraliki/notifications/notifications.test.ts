/**
 * /api/notifications through the gateway: notifications made by real events
 * (an agent assigned to a call, an inbound call that reached no agent, played
 * through the signed Twilio webhooks, replays included), listed newest first
 * with the unread count, filtered and paged, marked read one by one or all
 * at once; each user sees only her own; bad input is 422, no token 401.
 */
import { afterEach, describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { socketPool } from '../../pytake/live/live-socket.ts';
import { kralikiHarness, type OrgUser } from '../app-client.ts';
import { callOf, callStatus, inboundCall, outboundCall, play, quietTwilio } from '../analytics/call-traffic.ts';
import { orgWithNumber } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
quietTwilio(runtime);
const openSocket = socketPool(afterEach);

const SLOW_TEST_MS = 120_000;
const QUEUED_WORK_MS = 60_000;

const list = (user: OrgUser, query: Record<string, string | number | boolean> = {}) => h.app.get('/api/notifications', { token: user.token, query });
const unread = async (user: OrgUser) => (await h.app.get('/api/notifications/unread-count', { token: user.token })).body.unread_count;

async function notificationsOf(user: OrgUser, count: number) {
  return eventually(
    async () => {
      const reply = await list(user);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.items).toHaveLength(count);
      return reply.body;
    },
    { what: `${count} notifications`, timeoutMs: QUEUED_WORK_MS },
  );
}

describe('notifications made by call events', { timeout: SLOW_TEST_MS }, () => {
  it('tells an agent a call was assigned to her, and nobody else', async () => {
    const { org, number } = await orgWithNumber(h);
    const [{ user: agent }, { user: other }] = await Promise.all([h.addAgent(org), h.addAgent(org)]);
    const call = await outboundCall(h, org.admin.token, number);
    const assigned = await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: agent.id } });
    expect(assigned.status, assigned.text).toBe(200);

    const body = await notificationsOf(agent, 1);
    expect(body.unread_count).toBe(1);
    expect(body.items[0]).toMatchObject({ type: 'call_assigned', data: { call_id: call.id }, read: false, read_at: null, title: 'Call assigned to you' });
    expect(body.items[0].message).not.toContain(number);
    expect((await list(other)).body).toEqual({ items: [], unread_count: 0 });
    expect((await list(org.admin)).body).toEqual({ items: [], unread_count: 0 });
  });

  it(
    'tells the supervisors and admins of an inbound call that reached no agent, once whatever Twilio replays; not of one an agent took',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const [supervisor, { user: agent }] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addAgent(org)]);
      const missed = await play(h, await inboundCall(h, org, number), ['no-answer']);
      await callStatus(h, missed, 'no-answer');
      await callStatus(h, missed, 'completed', 3);
      // A call her agent was dialled into is not missed.
      const taken = await inboundCall(h, org, number);
      expect((await h.app.put(`/api/calls/${taken.id}`, { token: org.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
      await callStatus(h, taken, 'in-progress');
      await eventually(async () => (await callOf(h, org, taken.id)).agent_call_sid, { what: 'the agent dialled in', timeoutMs: QUEUED_WORK_MS });
      await callStatus(h, taken, 'completed', 30);
      await eventually(async () => expect((await h.app.get('/api/analytics/calls', { token: org.admin.token })).body.summary.total_calls).toBe(2), {
        what: 'both calls counted',
        timeoutMs: QUEUED_WORK_MS,
      });
      for (const user of [supervisor, org.admin]) {
        const body = await notificationsOf(user, 1);
        expect(body.items[0]).toMatchObject({ type: 'missed_call', title: 'Missed call', data: { call_id: missed.id }, read: false });
      }
      expect((await list(agent)).body.items.map((n: any) => n.type)).toEqual(['call_assigned']);
    },
    SLOW_TEST_MS,
  );
});

describe('live announcements', { timeout: SLOW_TEST_MS }, () => {
  it('announces a new notification on its user’s live connections only', async () => {
    const { org, number } = await orgWithNumber(h);
    const [{ user: agent }, { user: other }] = await Promise.all([h.addAgent(org), h.addAgent(org)]);
    const wsUrl = `${runtime.url.replace(/^http/, 'ws')}/kraliki/ws`;
    const [agentSocket, otherSocket, adminSocket] = await Promise.all(
      [agent, other, org.admin].map((user) => openSocket(wsUrl, { authorization: `Bearer ${user.token}` })),
    );
    const call = await outboundCall(h, org.admin.token, number);
    expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: agent.id } })).status).toBe(200);

    const frame = await agentSocket.next((f) => f.event === 'notification:new', { timeoutMs: QUEUED_WORK_MS });
    const [stored] = (await notificationsOf(agent, 1)).items;
    expect(frame.data).toEqual({ user_id: agent.id, notification: stored });
    await runtime.queues.drained('kraliki-live-events', QUEUED_WORK_MS);
    await Promise.all([otherSocket.roundTrip(), adminSocket.roundTrip()]);
    expect(otherSocket.ofEvent('notification:new')).toEqual([]);
    expect(adminSocket.ofEvent('notification:new')).toEqual([]);
  });
});

describe('reading and marking', { timeout: SLOW_TEST_MS }, () => {
  it(
    'lists newest first, filters unread, pages, and marks read one by one or all at once',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const { user: agent } = await h.addAgent(org, { max_capacity: 5 });
      const calls = [];
      for (let i = 0; i < 3; i++) {
        const call = await outboundCall(h, org.admin.token, number);
        expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
        calls.push(call);
      }
      const all = await notificationsOf(agent, 3);
      expect(all.items.map((n: any) => n.data.call_id)).toEqual(calls.map((c) => c.id).reverse());
      expect(all.unread_count).toBe(3);
      expect((await list(agent, { skip: 1, limit: 1 })).body.items.map((n: any) => n.id)).toEqual([all.items[1].id]);

      const read = await h.app.post(`/api/notifications/${all.items[1].id}/read`, { token: agent.token });
      expect(read.status, read.text).toBe(200);
      expect(read.body).toMatchObject({ id: all.items[1].id, read: true });
      expect(typeof read.body.read_at).toBe('string');
      const again = await h.app.post(`/api/notifications/${all.items[1].id}/read`, { token: agent.token });
      expect(again.body).toEqual(read.body);
      expect(await unread(agent)).toBe(2);
      expect((await list(agent, { unread_only: true })).body.items.map((n: any) => n.id)).toEqual([all.items[0].id, all.items[2].id]);

      const everything = await h.app.post('/api/notifications/read-all', { token: agent.token });
      expect(everything.status, everything.text).toBe(200);
      expect(everything.body).toEqual({ updated: 2 });
      expect(await unread(agent)).toBe(0);
      expect((await list(agent, { unread_only: true })).body.items).toEqual([]);
      expect((await list(agent)).body.items.every((n: any) => n.read)).toBe(true);
      expect((await h.app.post('/api/notifications/read-all', { token: agent.token })).body).toEqual({ updated: 0 });
    },
    SLOW_TEST_MS,
  );

  it('answers 404 for another user’s notification in the same organization, changing nothing', async () => {
    const { org, number } = await orgWithNumber(h);
    const [{ user: agent }, { user: other }] = await Promise.all([h.addAgent(org), h.addAgent(org)]);
    const call = await outboundCall(h, org.admin.token, number);
    expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
    const [notification] = (await notificationsOf(agent, 1)).items;
    for (const actor of [other, org.admin]) {
      const reply = await h.app.post(`/api/notifications/${notification.id}/read`, { token: actor.token });
      expect(reply.status).toBe(404);
      expect(reply.body.detail).toBe('Notification not found');
    }
    expect(await unread(agent)).toBe(1);
  });

  it('answers 422 for bad paging or flags and 401 without a token', async () => {
    const org = await h.registerOrg();
    for (const query of <Record<string, string | number>[]>[{ limit: 0 }, { limit: 101 }, { skip: -1 }, { unread_only: 'maybe' }]) {
      const reply = await list(org.admin, query);
      expect(reply.status, JSON.stringify(query)).toBe(422);
      expect(reply.body.detail[0].loc[0]).toBe('query');
    }
    for (const reply of [
      await h.app.get('/api/notifications'),
      await h.app.get('/api/notifications/unread-count'),
      await h.app.post('/api/notifications/read-all'),
      await h.app.post('/api/notifications/x/read'),
    ])
      expect(reply.status).toBe(401);
  });
});
