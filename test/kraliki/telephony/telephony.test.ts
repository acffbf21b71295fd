/**
 * /api/telephony through the runtime and the Twilio stand-in: hold and mute as
 * Conference Participants updates, transfers as a new participant (blind: the
 * agent's leg removed), roles, and refusals that send nothing to Twilio.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';
import { conferencePath, orgWithNumber, storedCall, storedCallItem, twilioRequests } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

describe('call control', () => {
  it('holds and resumes the customer’s leg, mutes and unmutes the agent’s: the agent on her own call', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const call = await storedCall(h, org, { number, agentId: user.id });
    const conference = conferencePath(call.id);
    for (const [action, message] of [
      ['hold', 'Call on hold'],
      ['unhold', 'Call resumed'],
      ['mute', 'Call muted'],
      ['unmute', 'Call unmuted'],
    ]) {
      const reply = await h.app.post(`/api/telephony/${action}/${call.id}`, { token: user.token });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body).toEqual({ success: true, message });
      if (action === 'hold') expect((await storedCallItem(h, org, call.id)).status).toBe('ON_HOLD');
      if (action === 'unhold') expect((await storedCallItem(h, org, call.id)).status).toBe('IN_PROGRESS');
    }
    expect(twilioRequests(runtime, conference).map((r) => [r.to, r.payload.params])).toEqual([
      [`${conference}/${call.sid}.json`, { Hold: 'true' }],
      [`${conference}/${call.sid}.json`, { Hold: 'false' }],
      [`${conference}/${call.agentLeg}.json`, { Muted: 'true' }],
      [`${conference}/${call.agentLeg}.json`, { Muted: 'false' }],
    ]);
  });

  it('transfers: the number joins the conference; blind takes the agent off (SUPERVISOR or ADMIN only)', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const call = await storedCall(h, org, { number, agentId: user.id });
    const conference = conferencePath(call.id);
    const refused = await h.app.post('/api/telephony/transfer', { token: user.token, json: { call_id: call.id, to: '+14155552681' } });
    expect(refused.status).toBe(403);
    expect(twilioRequests(runtime, conference)).toEqual([]);
    const reply = await h.app.post('/api/telephony/transfer', { token: org.admin.token, json: { call_id: call.id, to: '+14155552681', blind: true } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ success: true, message: 'Call transferred to +14155552681', transferType: 'blind' });
    expect(twilioRequests(runtime, conference).map((r) => [r.to, r.payload])).toEqual([
      [`${conference}.json`, { method: 'POST', params: { From: number, To: '+14155552681', Label: 'transfer' } }],
      [`${conference}/${call.agentLeg}.json`, { method: 'DELETE', params: {} }],
    ]);
  });

  it('refuses calls not active (409), other agents’ calls (404) and bad numbers (422), sending nothing', async () => {
    const { org, number } = await orgWithNumber(h);
    const { user } = await h.addAgent(org);
    const [finished, others] = await Promise.all([storedCall(h, org, { number, status: 'COMPLETED', agentId: user.id }), storedCall(h, org, { number })]);
    const before = twilioRequests(runtime).length;
    for (const action of ['hold', 'unhold', 'mute', 'unmute']) {
      expect((await h.app.post(`/api/telephony/${action}/${finished.id}`, { token: user.token })).status).toBe(409);
      expect((await h.app.post(`/api/telephony/${action}/${others.id}`, { token: user.token })).status).toBe(404);
    }
    expect((await h.app.post('/api/telephony/transfer', { token: org.admin.token, json: { call_id: finished.id, to: '+14155552681' } })).status).toBe(409);
    const bad = await h.app.post('/api/telephony/transfer', { token: org.admin.token, json: { call_id: others.id, to: '12' } });
    expect(bad.status).toBe(422);
    expect(twilioRequests(runtime)).toHaveLength(before);
  });
});
