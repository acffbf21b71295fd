/**
 * Kraliki's live events through the local gateway, as the call center's
 * browsers get them: the access token at `$connect`, agent status changes to
 * the whole organization, a call's status and transcript to supervisors,
 * admins and the call's own agent only, import progress to supervisors, and
 * nothing ever to another organization.
 */
import { afterEach, describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { LiveSocket, socketPool } from '../../pytake/live/live-socket.ts';
import { kralikiHarness, type OrgUser } from '../app-client.ts';
import { storedCall } from '../calls/call-fixtures.ts';
import { numbers } from '../contacts/csv-upload.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
const openSocket = socketPool(afterEach);
/** A test's first call of each function builds that function: on a busy machine a test touching many takes a while. */
const SLOW = { timeout: 90_000 };

const wsUrl = (query = '') => `${runtime.url.replace(/^http/, 'ws')}/kraliki/ws${query}`;
const connect = (user: OrgUser) => openSocket(wsUrl(), { authorization: `Bearer ${user.token}` });
/** Every queued live event posted, and everything posted to `sockets` arrived: what they did not get, they never will. */
const settled = async (...sockets: LiveSocket[]) => {
  await runtime.queues.drained('kraliki-live-events', 20_000);
  await Promise.all(sockets.map((socket) => socket.roundTrip()));
};
const published = (socket: LiveSocket) => socket.frames.filter((frame) => frame.event !== 'pong');

/** Posts a Twilio callback to a webhook, signed as Twilio signs it. */
async function twilioCallback(name: string, params: Record<string, string>): Promise<number> {
  const url = `${runtime.url}/kraliki/webhooks/${name}`;
  const signed = runtime.fakes.twilio.signedRequest(url, params);
  return (await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body })).status;
}

describe('$connect', () => {
  it('accepts the access token in Authorization or ?token=, and refuses a missing, malformed or refresh token before the upgrade', SLOW, async () => {
    const org = await h.registerOrg();
    const byQuery = await openSocket(wsUrl(`?token=${encodeURIComponent(org.admin.token)}`));
    expect(await byQuery.ask({ action: 'ping', timestamp: 't1' })).toEqual({ event: 'pong', data: { timestamp: 't1' } });
    expect(await LiveSocket.refusal(wsUrl())).toBe(401);
    expect(await LiveSocket.refusal(wsUrl(), { authorization: 'Bearer nope' })).toBe(401);
    expect(await LiveSocket.refusal(wsUrl(`?token=${encodeURIComponent(org.admin.refreshToken)}`))).toBe(401);
    expect((await byQuery.ask({ action: 'join_room', room: 'x' })).data.code).toBe('unknown_action');
  });
});

describe('events', () => {
  it('an agent’s status change reaches everyone of her organization, and no other organization', SLOW, async () => {
    const org = await h.registerOrg();
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const { user: agentUser, agent } = await h.addAgent(org);
    const colleague = await h.addUser(org, 'AGENT');
    const stranger = await h.registerOrg();
    const sockets = await Promise.all([org.admin, supervisor, colleague, agentUser].map(connect));
    const strangerSocket = await connect(stranger.admin);

    const reply = await h.app.patch(`/api/agents/${agent.id}/status`, { token: agentUser.token, json: { status: 'AVAILABLE' } });
    expect(reply.status, reply.text).toBe(200);
    for (const socket of sockets) {
      const frame = await socket.next((f) => f.event === 'agent:status');
      expect(frame.data).toEqual({ agent_id: agent.id, agent_user_id: agentUser.id, status: 'AVAILABLE' });
    }
    await settled(strangerSocket);
    expect(published(strangerSocket)).toEqual([]);
  });

  it('a call’s status callback reaches supervisors, admins and the call’s agent, never another agent', SLOW, async () => {
    const org = await h.registerOrg();
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const { user: agentUser } = await h.addAgent(org);
    const { user: otherAgent } = await h.addAgent(org);
    const call = await storedCall(h, org, { status: 'RINGING', agentId: agentUser.id, agentLeg: false });
    const [adminSocket, supervisorSocket, agentSocket, otherSocket] = await Promise.all([org.admin, supervisor, agentUser, otherAgent].map(connect));

    expect(await twilioCallback('twilio-status', { AccountSid: runtime.fakes.twilio.accountSid, CallSid: call.sid, CallStatus: 'busy' })).toBe(200);
    for (const socket of [adminSocket, supervisorSocket, agentSocket]) {
      const frame = await socket.next((f) => f.event === 'call:status');
      expect(frame.data).toEqual({ call_id: call.id, status: 'BUSY', direction: 'OUTBOUND', agent_id: agentUser.id, duration: null });
    }
    // A replayed callback changes nothing and announces nothing.
    expect(await twilioCallback('twilio-status', { AccountSid: runtime.fakes.twilio.accountSid, CallSid: call.sid, CallStatus: 'busy' })).toBe(200);
    await settled(adminSocket, otherSocket);
    expect(adminSocket.ofEvent('call:status')).toHaveLength(1);
    expect(published(otherSocket)).toEqual([]);
  });

  it('a call ended through the API and its transcript reach its agent and supervisors', SLOW, async () => {
    const org = await h.registerOrg();
    const { user: agentUser } = await h.addAgent(org);
    const { user: otherAgent } = await h.addAgent(org);
    const call = await storedCall(h, org, { status: 'IN_PROGRESS', agentId: agentUser.id });
    const [adminSocket, agentSocket, otherSocket] = await Promise.all([org.admin, agentUser, otherAgent].map(connect));

    const ended = await h.app.post(`/api/calls/${call.id}/end`, { token: agentUser.token });
    expect(ended.status, ended.text).toBe(200);
    for (const socket of [adminSocket, agentSocket])
      expect((await socket.next((f) => f.event === 'call:status')).data).toMatchObject({ call_id: call.id, status: 'COMPLETED' });

    const transcript = {
      AccountSid: runtime.fakes.twilio.accountSid,
      CallSid: call.sid,
      TranscriptionSid: `TR${call.sid.slice(2)}`,
      TranscriptionStatus: 'completed',
      TranscriptionText: 'I would like to change my plan.',
    };
    expect(await twilioCallback('twilio-transcription', transcript)).toBe(200);
    for (const socket of [adminSocket, agentSocket]) {
      expect((await socket.next((f) => f.event === 'transcript:line')).data).toEqual({
        call_id: call.id,
        transcript_id: transcript.TranscriptionSid,
        text: transcript.TranscriptionText,
        agent_id: agentUser.id,
      });
    }
    await settled(otherSocket);
    expect(published(otherSocket)).toEqual([]);
  });

  it('a queued contacts import announces its progress to supervisors and admins, up to COMPLETED', SLOW, async () => {
    const org = await h.registerOrg();
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const agent = await h.addUser(org, 'AGENT');
    const campaign = await h.app.post('/api/campaigns', {
      token: org.admin.token,
      json: { name: 'Import', type: 'OUTBOUND', instructions: { script: 'Hello' } },
    });
    const [supervisorSocket, agentSocket] = await Promise.all([supervisor, agent].map(connect));

    const opened = await h.app.post('/api/contacts/bulk-import/uploads', { token: supervisor.token, query: { campaign_id: campaign.body.id } });
    expect(opened.status, opened.text).toBe(201);
    expect((await fetch(opened.body.upload_url, { method: 'PUT', body: `phone_number\n${numbers(3).join('\n')}\n` })).status).toBe(200);
    expect((await h.app.post(`/api/contacts/bulk-import/${opened.body.job_id}/start`, { token: supervisor.token })).status).toBe(202);

    const done = await supervisorSocket.next((f) => f.event === 'import:progress' && f.data.status === 'COMPLETED');
    expect(done.data).toMatchObject({ job_id: opened.body.job_id, campaign_id: campaign.body.id, total: 3, processed: 3, imported: 3, progress: 100 });
    await settled(agentSocket);
    expect(published(agentSocket)).toEqual([]);
  });
});
