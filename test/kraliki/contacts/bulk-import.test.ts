/**
 * POST /api/contacts/bulk-import through the gateway: a CSV into a campaign, numbers in E.164,
 * one contact per number (the first row kept), up to 10 errors listed; a large file through the
 * contact-import queue, its progress read until it reaches 100%.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';
import { csvUpload, numbers } from './csv-upload.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

async function aCampaign(org: Org): Promise<string> {
  const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Import', type: 'OUTBOUND', instructions: { script: 'Hello' } } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

const upload = (token: string, campaignId: string, csv: string | Buffer) =>
  h.app.post('/api/contacts/bulk-import', { token, query: { campaign_id: campaignId }, ...csvUpload(csv) });

describe('POST /api/contacts/bulk-import', () => {
  it('imports good rows, fails bad numbers and duplicates in the file and in the campaign, keeping the first', async () => {
    const org = await h.registerOrg();
    const campaignId = await aCampaign(org);
    const existing = await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaignId, phone_number: '+14155550109' } });
    expect(existing.status).toBe(201);
    const csv = [
      'phone_number,name,email,notes',
      '+1 415 555 0100,"Doe, Jane",jane@example.com,"likes ""mornings"""',
      '+420601123456,Petr,,',
      'not a number,Nobody,,',
      '+1 (415) 555-0100,Jane again,,',
      '+14155550109,Already there,,',
      ',No number,,',
    ].join('\r\n');
    const reply = await upload(org.admin.token, campaignId, csv);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      imported: 2,
      failed: 4,
      total: 6,
      errors: [
        'Row 4: phone_number is not a valid international number',
        'Row 5: duplicate phone_number (first in row 2)',
        'Row 6: phone_number already exists in this campaign',
        'Row 7: phone_number is missing',
      ],
    });
    const list = await h.app.get('/api/contacts', { token: org.admin.token, query: { campaign_id: campaignId } });
    expect(list.body.total).toBe(3);
    const jane = list.body.contacts.find((c: { phone_number: string }) => c.phone_number === '+14155550100');
    expect(jane).toMatchObject({ name: 'Doe, Jane', email: 'jane@example.com', notes: 'likes "mornings"', status: 'PENDING' });

    // The same file again: every number is the campaign's already.
    const again = await upload(org.admin.token, campaignId, csv);
    expect(again.body).toMatchObject({ imported: 0, failed: 6, total: 6 });
  }, 120_000);

  it('lists at most 10 errors, and counts them all', async () => {
    const org = await h.registerOrg();
    const campaignId = await aCampaign(org);
    const rows = [...numbers(5), ...Array.from({ length: 25 }, (_, i) => `bad-${i}`)];
    const reply = await upload(org.admin.token, campaignId, `phone_number\n${rows.join('\n')}\n`);
    expect(reply.body).toMatchObject({ imported: 5, failed: 25, total: 30 });
    expect(reply.body.errors).toHaveLength(10);
    expect(reply.body.errors[0]).toBe('Row 7: phone_number is not a valid international number');
  });

  it('is for supervisors and admins, into a campaign of their organization, of a CSV with phone_number (else 403, 404, 422)', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const [agent, supervisor] = await Promise.all([h.addUser(org, 'AGENT'), h.addUser(org, 'SUPERVISOR')]);
    const campaignId = await aCampaign(org);
    const csv = 'phone_number\n+14155550100\n';
    const refused = await upload(agent.token, campaignId, csv);
    expect([refused.status, refused.body.detail]).toEqual([403, 'Supervisor or admin access required']);
    expect((await upload(supervisor.token, campaignId, csv)).body).toMatchObject({ imported: 1 });
    const foreign = await upload(other.admin.token, campaignId, csv);
    expect([foreign.status, foreign.body.detail]).toEqual([404, 'Campaign not found']);

    for (const bad of ['name,email\nAnn,ann@example.com\n', '', 'phone_number,name\n"+14155550101,unterminated\n']) {
      const reply = await upload(org.admin.token, campaignId, bad);
      expect(reply.status, bad).toBe(422);
      expect(reply.body.detail[0]).toMatchObject({ loc: ['body', 'file'] });
    }
    const noFile = await h.app.post('/api/contacts/bulk-import', { token: org.admin.token, query: { campaign_id: campaignId }, ...csvUpload(csv, 'upload') });
    expect(noFile.status).toBe(422);
    const noCampaign = await h.app.post('/api/contacts/bulk-import', { token: org.admin.token, ...csvUpload(csv) });
    expect(noCampaign.status).toBe(422);
    expect((await h.app.get('/api/contacts', { token: org.admin.token, query: { campaign_id: campaignId } })).body.total).toBe(1);
  }, 120_000);

  it('imports a 10,000-row file through the queue, its progress reaching 100%', async () => {
    const org = await h.registerOrg();
    const campaignId = await aCampaign(org);
    // 9,990 distinct numbers, 5 repeated later in the file, 5 bad ones, and one already in the campaign.
    const distinct = numbers(9_990);
    expect((await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaignId, phone_number: distinct[1234] } })).status).toBe(201);
    const rows = [
      ...distinct.map((phone, i) => `${phone},Contact ${i}`),
      ...distinct.slice(0, 5).map((phone) => `${phone},Again`),
      ...['1', '2', '3', '4', '5'].map((n) => `${n},Bad`),
    ];
    expect(rows).toHaveLength(10_000);

    const queued = await upload(org.admin.token, campaignId, `phone_number,name\n${rows.join('\n')}\n`);
    expect(queued.status, queued.text).toBe(202);
    expect(queued.body).toMatchObject({ campaign_id: campaignId, status: 'PROCESSING', total: 10_000, processed: 0, progress: 0 });

    const progress: number[] = [];
    const done = await eventually(
      async () => {
        const reply = await h.app.get(`/api/contacts/bulk-import/${queued.body.job_id}`, { token: org.admin.token });
        expect(reply.status, reply.text).toBe(200);
        if (progress.at(-1) !== reply.body.progress) progress.push(reply.body.progress);
        return reply.body.progress === 100 && reply.body;
      },
      { timeoutMs: 280_000, intervalMs: 250, what: 'the import reaching 100%' },
    );
    expect(done).toMatchObject({ status: 'COMPLETED', total: 10_000, processed: 10_000, imported: 9_989, failed: 11 });
    expect(done.errors).toHaveLength(10);
    expect(done.errors[0]).toBe('Row 1236: phone_number already exists in this campaign');
    // Progress only grows.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const list = await h.app.get('/api/contacts', { token: org.admin.token, query: { campaign_id: campaignId, limit: 1 } });
    expect(list.body.total).toBe(9_990);
    // Every number once: the campaign's count matches, so it is deletable only after its contacts.
    const campaign = await h.table.get(`ORG#${org.id}`, `CAMPAIGN#${campaignId}`);
    expect(campaign?.contacts_count).toBe(9_990);
    expect((await h.app.get(`/api/contacts/bulk-import/${queued.body.job_id}`, { token: (await h.addUser(org, 'AGENT')).token })).status).toBe(403);
  }, 300_000);

  it('takes a file too large for a request through a presigned upload, started once', async () => {
    const org = await h.registerOrg();
    const campaignId = await aCampaign(org);
    const opened = await h.app.post('/api/contacts/bulk-import/uploads', { token: org.admin.token, query: { campaign_id: campaignId } });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({ campaign_id: campaignId, status: 'UPLOADING', total: 0, progress: 0, expires_in: 900 });
    const early = await h.app.post(`/api/contacts/bulk-import/${opened.body.job_id}/start`, { token: org.admin.token });
    expect([early.status, early.body.code]).toEqual([409, 'upload_missing']);

    const put = await fetch(opened.body.upload_url, { method: 'PUT', body: `phone_number,name\n${numbers(3).join(',X\n')},X\nbad,Y\n` });
    expect(put.status).toBe(200);
    const started = await h.app.post(`/api/contacts/bulk-import/${opened.body.job_id}/start`, { token: org.admin.token });
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ status: 'PROCESSING', total: 4 });
    const again = await h.app.post(`/api/contacts/bulk-import/${opened.body.job_id}/start`, { token: org.admin.token });
    expect([again.status, again.body.code]).toEqual([409, 'import_already_started']);

    const done = await eventually(
      async () => {
        const reply = await h.app.get(`/api/contacts/bulk-import/${opened.body.job_id}`, { token: org.admin.token });
        return reply.body.progress === 100 && reply.body;
      },
      { what: 'the uploaded import reaching 100%' },
    );
    expect(done).toMatchObject({ status: 'COMPLETED', imported: 3, failed: 1, errors: ['Row 5: phone_number is not a valid international number'] });
  }, 120_000);
});
