/** /api/campaigns through the gateway: everyone reads, SUPERVISORs and ADMINs create, change, (de)activate and delete. */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

const outbound = {
  name: 'Spring renewals',
  type: 'OUTBOUND',
  instructions: { script: 'Offer the renewal' },
  voice: { provider: 'polly', name: 'Joanna' },
  tools: { crm: true },
};

describe('campaigns', () => {
  it('are created by supervisors in their own organization, read by everyone, changed, (de)activated and deleted', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    const created = await h.app.post('/api/campaigns', {
      token: supervisor.token,
      json: { ...outbound, organization_id: 'someone-else', metadata: { source: 'crm' } },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      ...outbound,
      organization_id: org.id,
      description: null,
      language: 'en',
      version: '1.0.0',
      active: false,
      analytics: null,
      metadata_payload: { source: 'crm' },
    });
    const id = created.body.id;

    expect((await h.app.get(`/api/campaigns/${id}`, { token: agent.token })).body).toEqual(created.body);
    const refused = await h.app.post('/api/campaigns', { token: agent.token, json: outbound });
    expect([refused.status, refused.body.detail]).toEqual([403, 'Supervisor or admin access required']);
    expect((await h.app.put(`/api/campaigns/${id}`, { token: agent.token, json: { name: 'Mine' } })).status).toBe(403);
    expect((await h.app.post(`/api/campaigns/${id}/activate`, { token: agent.token })).status).toBe(403);

    const changed = await h.app.put(`/api/campaigns/${id}`, { token: supervisor.token, json: { name: 'Summer renewals', voice: null, type: 'TRANSFER' } });
    expect(changed.body).toMatchObject({ name: 'Summer renewals', voice: null, type: 'TRANSFER', tools: { crm: true } });
    expect((await h.app.post(`/api/campaigns/${id}/activate`, { token: supervisor.token })).body.active).toBe(true);
    const inbound = await h.app.post('/api/campaigns', { token: org.admin.token, json: { ...outbound, type: 'INBOUND', active: true } });

    const active = await h.app.get('/api/campaigns', { token: agent.token, query: { active: true } });
    expect(active.body.map((c: { id: string }) => c.id)).toEqual([inbound.body.id, id]);
    const ofType = await h.app.get('/api/campaigns', { token: agent.token, query: { type: 'INBOUND' } });
    expect(ofType.body.map((c: { id: string }) => c.id)).toEqual([inbound.body.id]);
    expect((await h.app.get('/api/campaigns', { token: agent.token, query: { skip: 1, limit: 1 } })).body.map((c: { id: string }) => c.id)).toEqual([id]);

    expect((await h.app.post(`/api/campaigns/${id}/deactivate`, { token: org.admin.token })).body.active).toBe(false);
    expect((await h.app.delete(`/api/campaigns/${id}`, { token: agent.token })).status).toBe(403);
    expect((await h.app.delete(`/api/campaigns/${id}`, { token: supervisor.token })).status).toBe(204);
    const gone = await h.app.get(`/api/campaigns/${id}`, { token: agent.token });
    expect([gone.status, gone.body.detail]).toEqual([404, 'Campaign not found']);
    // Its first run starts every campaign function cold.
  }, 120_000);

  it('are deleted only once they have no contacts', async () => {
    const org = await h.registerOrg();
    const campaign = (await h.app.post('/api/campaigns', { token: org.admin.token, json: outbound })).body;
    const contact = await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaign.id, phone_number: '+14155550100' } });
    const refused = await h.app.delete(`/api/campaigns/${campaign.id}`, { token: org.admin.token });
    expect([refused.status, refused.body.code]).toEqual([409, 'campaign_has_contacts']);
    expect((await h.app.delete(`/api/contacts/${contact.body.id}`, { token: org.admin.token })).status).toBe(204);
    expect((await h.app.delete(`/api/campaigns/${campaign.id}`, { token: org.admin.token })).status).toBe(204);
  });

  it('answer 422 for a bad campaign, 401 without a token', async () => {
    const org = await h.registerOrg();
    for (const json of [
      { ...outbound, type: 'CHAT' },
      { ...outbound, name: '' },
      { name: 'No instructions', type: 'INBOUND' },
      { ...outbound, tools: 'all' },
    ]) {
      const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json });
      expect(reply.status, JSON.stringify(json)).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
    }
    expect((await h.app.get('/api/campaigns', { token: org.admin.token, query: { type: 'CHAT' } })).status).toBe(422);
    expect((await h.app.get('/api/campaigns')).status).toBe(401);
  });
});
