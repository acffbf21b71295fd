/** /api/contacts through the gateway: a campaign's contacts, their numbers in E.164 and unique per campaign. */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

async function aCampaign(org: Org, name = 'Renewals'): Promise<string> {
  const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name, type: 'OUTBOUND', instructions: { script: 'Hello' } } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

describe('contacts', () => {
  it('are added to a campaign with their number in E.164, read, listed, changed and deleted', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    const campaignId = await aCampaign(org);
    const created = await h.app.post('/api/contacts', {
      token: agent.token,
      json: { campaign_id: campaignId, phone_number: '+1 (415) 555-0100', name: 'Jane Doe', email: 'jane@example.com', extra_metadata: { crm: 7 } },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      campaign_id: campaignId,
      phone_number: '+14155550100',
      name: 'Jane Doe',
      email: 'jane@example.com',
      status: 'PENDING',
      attempts: 0,
      last_attempt: null,
      next_attempt: null,
      outcome: null,
      notes: null,
      extra_metadata: { crm: 7 },
    });
    const id = created.body.id;
    expect((await h.app.get(`/api/contacts/${id}`, { token: agent.token })).body).toEqual(created.body);

    const changed = await h.app.put(`/api/contacts/${id}`, {
      token: agent.token,
      json: { status: 'DO_NOT_CALL', attempts: 2, next_attempt: '2026-06-01T09:00:00Z', outcome: 'asked not to be called', phone_number: '+14155550101' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ status: 'DO_NOT_CALL', attempts: 2, next_attempt: '2026-06-01T09:00:00Z', phone_number: '+14155550101' });
    // The old number is free again in the campaign, the new one taken.
    expect((await h.app.post('/api/contacts', { token: agent.token, json: { campaign_id: campaignId, phone_number: '+14155550100' } })).status).toBe(201);
    const taken = await h.app.post('/api/contacts', { token: agent.token, json: { campaign_id: campaignId, phone_number: '+1 415 555 0101' } });
    expect([taken.status, taken.body.code, taken.body.detail]).toEqual([409, 'contact_phone_exists', 'Phone number already exists in this campaign']);

    const list = await h.app.get('/api/contacts', { token: agent.token, query: { campaign_id: campaignId } });
    expect(list.body).toMatchObject({ total: 2, skip: 0, limit: 50 });
    expect(list.body.contacts[1].id).toBe(id);
    const dnc = await h.app.get('/api/contacts', { token: agent.token, query: { campaign_id: campaignId, status: 'DO_NOT_CALL' } });
    expect(dnc.body.contacts.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await h.app.get('/api/contacts', { token: agent.token, query: { limit: 1, skip: 1 } })).body).toMatchObject({ total: 2, contacts: [{ id }] });
    const page = await h.app.get('/api/contacts', { token: agent.token, query: { campaign_id: campaignId, limit: 1, skip: 1 } });
    expect(page.body).toMatchObject({ total: 2, skip: 1, limit: 1, contacts: [{ id }] });
    expect(page.body.contacts).toHaveLength(1);

    const refused = await h.app.delete(`/api/contacts/${id}`, { token: agent.token });
    expect([refused.status, refused.body.detail]).toEqual([403, 'Supervisor or admin access required']);
    expect((await h.app.delete(`/api/contacts/${id}`, { token: supervisor.token })).status).toBe(204);
    expect((await h.app.get(`/api/contacts/${id}`, { token: agent.token })).body.detail).toBe('Contact not found');
    // Its number is free again.
    expect((await h.app.post('/api/contacts', { token: agent.token, json: { campaign_id: campaignId, phone_number: '+14155550101' } })).status).toBe(201);
  }, 120_000);

  it('keep a number once per campaign, but the same number in two campaigns', async () => {
    const org = await h.registerOrg();
    const [first, second] = await Promise.all([aCampaign(org, 'A'), aCampaign(org, 'B')]);
    const add = (campaignId: string) =>
      h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaignId, phone_number: '+420 601 123 456' } });
    const [one, two] = await Promise.all([add(first), add(first)]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect((await add(second)).status).toBe(201);
    expect((await h.app.get('/api/contacts', { token: org.admin.token })).body.total).toBe(2);
  });

  it('answer 404 for a campaign that is not the organization’s, 422 for bad input', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const campaignId = await aCampaign(org);
    const foreign = await h.app.post('/api/contacts', { token: other.admin.token, json: { campaign_id: campaignId, phone_number: '+14155550100' } });
    expect([foreign.status, foreign.body.detail]).toEqual([404, 'Campaign not found']);
    for (const json of [
      { campaign_id: campaignId, phone_number: '4155550100' },
      { campaign_id: campaignId, phone_number: '+1 415 555' },
      { campaign_id: campaignId, phone_number: '+14155550100', email: 'nope' },
      { campaign_id: campaignId, phone_number: '+14155550100', name: 'x'.repeat(256) },
      { phone_number: '+14155550100' },
    ]) {
      const reply = await h.app.post('/api/contacts', { token: org.admin.token, json });
      expect(reply.status, JSON.stringify(json)).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
    }
    expect((await h.app.get('/api/contacts', { token: org.admin.token, query: { status: 'LOST' } })).status).toBe(422);
    expect((await h.app.get('/api/contacts', { token: org.admin.token, query: { limit: 0 } })).status).toBe(422);
  });
});
