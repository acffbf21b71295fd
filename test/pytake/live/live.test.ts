/**
 * PyTake's live events through the local gateway, as an agent's browser gets
 * them: the access token at `$connect` (header or `?token=`), events of the
 * caller's organization only, rooms of the organization only, `ping`/`pong`,
 * and frames the API does not know answered with an `error` event.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, type Member, pytakeHarness } from '../app-client.ts';
import { customerWrites, inboxOrg } from '../inbox/inbox-fixture.ts';
import { LiveSocket, socketPool } from './live-socket.ts';

const runtime = sharedRuntime({ services: [pytake] });
/** A test's first call of each function builds that function: on a busy machine a test touching many takes a while. */
const SLOW = { timeout: 90_000 };
const h = pytakeHarness(runtime);
const openSocket = socketPool(afterEach);

const wsUrl = (query = '') => `${runtime.url.replace(/^http/, 'ws')}/pytake/ws${query}`;
const connect = (member: Member) => openSocket(wsUrl(), { authorization: `Bearer ${member.token}` });
/** Every queued live event posted, and everything posted to `sockets` arrived: what they did not get, they never will. */
const settled = async (...sockets: LiveSocket[]) => {
  await runtime.queues.drained('pytake-live-events', 20_000);
  await Promise.all(sockets.map((socket) => socket.roundTrip()));
};
const livePartition = (orgId: string) => h.table.partition(`LIVE#${orgId}`);

describe('$connect', () => {
  it('accepts the access token in Authorization or in ?token=, and answers ping with pong', SLOW, async () => {
    const admin = await h.registerOrg();
    const byHeader = await connect(admin);
    const byQuery = await openSocket(wsUrl(`?token=${encodeURIComponent(admin.token)}`));
    expect(await byHeader.ask({ action: 'ping', timestamp: 42 })).toEqual({ event: 'pong', data: { timestamp: 42 } });
    expect(await byQuery.ask({ action: 'ping' })).toEqual({ event: 'pong', data: { timestamp: null } });
    const items = await livePartition(admin.orgId);
    expect(items.filter((item) => String(item.sk).startsWith('CONN#'))).toHaveLength(2);
    expect(items.every((item) => item.user_id === admin.id && typeof item.expiresAt === 'number')).toBe(true);
  });

  it('refuses before the upgrade a missing, malformed, refresh, expired or revoked token, and records nothing', SLOW, async () => {
    const admin = await h.registerOrg();
    const expired = await new SignJWT({ organization_id: admin.orgId, role: 'org_admin', type: 'access', sid: randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(pytake.localEnvironment!.JWT_SECRET));
    expect(await LiveSocket.refusal(wsUrl())).toBe(401);
    expect(await LiveSocket.refusal(wsUrl(), { authorization: 'Bearer not-a-jwt' })).toBe(401);
    expect(await LiveSocket.refusal(wsUrl(`?token=${encodeURIComponent(admin.refreshToken)}`))).toBe(401);
    expect(await LiveSocket.refusal(wsUrl(), { authorization: `Bearer ${expired}` })).toBe(401);
    const agent = await h.seedUser(admin, 'agent');
    expect((await h.app.post('/auth/logout', { token: agent.token, json: { refresh_token: agent.refreshToken } })).status).toBeLessThan(300);
    expect(await LiveSocket.refusal(wsUrl(), { authorization: `Bearer ${agent.token}` })).toBe(401);
    expect(await livePartition(admin.orgId)).toEqual([]);
  });
});

describe('events', () => {
  it('an inbound WhatsApp message reaches every connection of its organization as message:new, and no other organization’s', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const stranger = await h.registerOrg();
    const [adminSocket, agentSocket, strangerSocket] = await Promise.all([connect(inbox.admin), connect(agent), connect(stranger)]);

    const conversationId = await customerWrites(h, inbox);
    for (const socket of [adminSocket, agentSocket]) {
      const frame = await socket.next((f) => f.event === 'message:new');
      expect(frame).toMatchObject({ event: 'message:new', data: { conversation_id: conversationId, direction: 'inbound', message_type: 'text' } });
      expect(frame.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    // The same event (one id) on both sockets: one job, posted to each.
    expect(adminSocket.ofEvent('message:new')[0].id).toBe(agentSocket.ofEvent('message:new')[0].id);
    await settled(strangerSocket);
    expect(strangerSocket.frames.filter((f) => f.event !== 'pong')).toEqual([]);
  });

  it('message:status goes to the conversation’s room only; leaving the room stops it', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    const [watcher, bystander] = await Promise.all([connect(inbox.admin), connect(inbox.admin)]);
    const room = `conversation:${conversationId}`;
    expect(await watcher.ask({ action: 'join_room', room })).toEqual({ event: 'room:joined', data: { room, status: 'joined' } });

    const sent = await h.app.post(`/conversations/${conversationId}/messages`, {
      token: inbox.admin.token,
      json: { message_type: 'text', content: { text: 'Olá!' } },
    });
    expect(sent.status).toBe(201);
    const status = await watcher.next((f) => f.event === 'message:status' && f.data.status === 'sent');
    expect(status.data).toMatchObject({ conversation_id: conversationId, message_id: sent.body.id, status: 'sent' });
    // The Graph stand-in then reports delivery through the signed status webhook, as Meta does: announced to the room as well.
    const moved = await watcher.next((f) => f.event === 'message:status' && f.data.status !== 'sent');
    expect(moved.data).toMatchObject({ conversation_id: conversationId, message_id: sent.body.id });
    expect(['delivered', 'read']).toContain(moved.data.status);
    await bystander.next((f) => f.event === 'message:new' && f.data.message_id === sent.body.id);
    await settled(bystander);
    expect(bystander.ofEvent('message:status')).toEqual([]);

    expect(await watcher.ask({ action: 'leave_room', room })).toEqual({ event: 'room:left', data: { room, status: 'left' } });
    const second = await h.app.post(`/conversations/${conversationId}/messages`, {
      token: inbox.admin.token,
      json: { message_type: 'text', content: { text: 'Mais uma' } },
    });
    await watcher.next((f) => f.event === 'message:new' && f.data.message_id === second.body.id);
    await runtime.queues.drained('pytake-send-message', 30_000);
    await settled(watcher);
    // Statuses of the first message only: none of the one sent after leaving.
    expect(new Set(watcher.ofEvent('message:status').map((f) => f.data.message_id))).toEqual(new Set([sent.body.id]));
  });

  it('conversation:assigned reaches the organization when a conversation is assigned', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const conversationId = await customerWrites(h, inbox);
    const socket = await connect(agent);
    const reply = await h.app.post(`/conversations/${conversationId}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } });
    expect(reply.status).toBe(200);
    const frame = await socket.next((f) => f.event === 'conversation:assigned');
    expect(frame.data).toEqual({ conversation_id: conversationId, agent_id: agent.id });
  });
});

describe('gone connections', () => {
  it('forgets a connection the gateway answers 410 for (its $disconnect never ran) when an event is posted to it', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const socket = await connect(inbox.admin);
    // What a connection whose $disconnect was lost leaves behind (an id the gateway no longer knows).
    const ghost = 'GhostConnId00A=';
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    await h.table.put({
      pk: `LIVE_CONN#${ghost}`,
      sk: 'LIVE_CONN',
      connection_id: ghost,
      orgId: inbox.admin.orgId,
      userId: inbox.admin.id,
      role: 'org_admin',
      expiresAt,
    });
    for (const sk of [`CONN#${ghost}`, `USER#${inbox.admin.id}#${ghost}`]) {
      await h.table.put({ pk: `LIVE#${inbox.admin.orgId}`, sk, connection_id: ghost, user_id: inbox.admin.id, role: 'org_admin', expiresAt });
    }

    const conversationId = await customerWrites(h, inbox);
    await socket.next((f) => f.event === 'message:new' && f.data.conversation_id === conversationId);
    await eventually(async () => (await livePartition(inbox.admin.orgId)).every((item) => item.connection_id !== ghost), {
      what: 'the gone connection forgotten',
    });
    expect(await h.table.get({ pk: `LIVE_CONN#${ghost}`, sk: 'LIVE_CONN' })).toBeUndefined();
  });
});

describe('events for one user', () => {
  it('notification:new reaches only the user it names, on each of her connections', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const colleague = await h.seedUser(inbox.admin, 'agent');
    const conversationId = await customerWrites(h, inbox);
    // The new contact's own notifications are out before anyone connects.
    await runtime.queues.drained('pytake-notifications', 30_000);
    await runtime.queues.drained('pytake-live-events', 30_000);
    const [phone, laptop, colleagueSocket, adminSocket] = await Promise.all([connect(agent), connect(agent), connect(colleague), connect(inbox.admin)]);

    expect((await h.app.post(`/conversations/${conversationId}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
    for (const socket of [phone, laptop]) {
      const frame = await socket.next((f) => f.event === 'notification:new');
      expect(frame.data).toMatchObject({ user_id: agent.id, notification_type: 'conversation_assigned' });
    }
    // Everyone sees the assignment itself; nobody else the agent's notification.
    await colleagueSocket.next((f) => f.event === 'conversation:assigned');
    await runtime.queues.drained('pytake-notifications', 30_000);
    await settled(colleagueSocket, adminSocket);
    expect([...colleagueSocket.ofEvent('notification:new'), ...adminSocket.ofEvent('notification:new')]).toEqual([]);
  });
});

describe('rooms and frames', () => {
  it('answers join_room for another organization’s conversation, or an unknown one, with an error event, joining nothing', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    const stranger = await h.registerOrg();
    const socket = await connect(stranger);
    for (const room of [`conversation:${conversationId}`, `conversation:${randomUUID()}`]) {
      expect(await socket.ask({ action: 'join_room', room })).toEqual({ event: 'error', data: { code: 'room_not_found', message: 'Room not found' } });
    }
    expect((await livePartition(inbox.admin.orgId)).filter((item) => String(item.sk).startsWith('ROOM#'))).toEqual([]);
    expect((await livePartition(stranger.orgId)).filter((item) => String(item.sk).startsWith('ROOM#'))).toEqual([]);
  });

  it('answers frames it cannot take with an error event and keeps the connection', SLOW, async () => {
    const admin = await h.registerOrg();
    const socket = await connect(admin);
    expect((await socket.ask('not json')).data.code).toBe('invalid_frame');
    expect((await socket.ask({ action: 'dance' })).data.code).toBe('unknown_action');
    expect((await socket.ask({ action: 'join_room', room: 'campaign:abc' })).data.code).toBe('invalid_frame');
    expect((await socket.ask({ action: 'leave_room', room: `conversation:${randomUUID()}` })).data.code).toBe('not_in_room');
    expect((await socket.ask({ action: 'ping' })).event).toBe('pong');
  });

  it('forgets a connection, its memberships and rooms at $disconnect', SLOW, async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    const socket = await LiveSocket.open(wsUrl(), { authorization: `Bearer ${inbox.admin.token}` });
    await socket.ask({ action: 'join_room', room: `conversation:${conversationId}` });
    expect(await livePartition(inbox.admin.orgId)).toHaveLength(3);
    await socket.close();
    await eventually(async () => (await livePartition(inbox.admin.orgId)).length === 0, { what: 'the connection forgotten' });
  });
});
