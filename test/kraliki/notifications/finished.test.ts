/**
 * Notifications when queued work finishes, through the runtime: a contacts
 * import taken by the contact-import queue notifies whoever started it, and an
 * outbound campaign whose every contact has been dialed to an end notifies the
 * organization's supervisors and admins. Each is notified once: a redelivered
 * import job and the dialer's later minute ticks add nothing.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { addresses } from '../../../infra/local/addresses.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org, type OrgUser } from '../app-client.ts';
import { orgWithNumber } from '../calls/call-fixtures.ts';
import { numbers } from '../contacts/csv-upload.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
const IMPORT_QUEUE = addresses.queueName('kraliki', 'contact-import');
const DIAL_QUEUE = addresses.queueName('kraliki', 'campaign-dial');
const QUEUED_WORK_MS = 90_000;

const notificationsOf = async (user: OrgUser, type: string) =>
  (await h.app.get('/api/notifications', { token: user.token, query: { limit: 100 } })).body.items.filter((n: { type: string }) => n.type === type);

async function outboundCampaign(org: Org): Promise<string> {
  const reply = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Renewals', type: 'OUTBOUND', instructions: { script: 'Hello' } } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

describe('a queued contacts import that finishes', () => {
  it('notifies whoever started it, once, with what was imported', { timeout: QUEUED_WORK_MS * 2 }, async () => {
    const org = await h.registerOrg();
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const campaignId = await outboundCampaign(org);
    const opened = await h.app.post('/api/contacts/bulk-import/uploads', { token: supervisor.token, query: { campaign_id: campaignId } });
    expect(opened.status, opened.text).toBe(201);
    const [first, second] = numbers(2, 5_550_300);
    const put = await fetch(opened.body.upload_url, { method: 'PUT', body: `phone_number,name\n${first},Ana\n${second},Bia\nbad,Cy\n` });
    expect(put.status).toBe(200);
    const started = await h.app.post(`/api/contacts/bulk-import/${opened.body.job_id}/start`, { token: supervisor.token });
    expect(started.status, started.text).toBe(202);

    const [notification] = await eventually(
      async () => {
        const found = await notificationsOf(supervisor, 'import_finished');
        return found.length > 0 && found;
      },
      { what: 'the import notification', timeoutMs: QUEUED_WORK_MS },
    );
    expect(notification).toMatchObject({
      type: 'import_finished',
      title: 'Contacts import completed',
      message: '2 contact(s) imported, 1 row(s) rejected.',
      data: { job_id: opened.body.job_id, campaign_id: campaignId, status: 'COMPLETED' },
      read: false,
    });
    // Nobody else is told; a redelivered job notifies nobody again.
    expect(await notificationsOf(org.admin, 'import_finished')).toEqual([]);
    runtime.queues.send(IMPORT_QUEUE, JSON.stringify({ organization_id: org.id, job_id: opened.body.job_id }));
    await runtime.queues.drained(IMPORT_QUEUE, QUEUED_WORK_MS);
    expect(await notificationsOf(supervisor, 'import_finished')).toHaveLength(1);
  });
});

describe('an outbound campaign that finishes', () => {
  it('notifies the supervisors and admins once every contact has been dialed to an end, and not again on later ticks', {
    timeout: QUEUED_WORK_MS * 3,
  }, async () => {
    const { org } = await orgWithNumber(h);
    const supervisor = await h.addUser(org, 'SUPERVISOR');
    const agent = await h.addUser(org, 'AGENT');
    expect((await h.app.put('/api/settings', { token: org.admin.token, json: { dialer: { calls_per_second: 2 } } })).status).toBe(200);
    const campaignId = await outboundCampaign(org);
    const contacts: string[] = [];
    for (const phone of numbers(2, 5_550_400)) {
      const reply = await h.app.post('/api/contacts', { token: org.admin.token, json: { campaign_id: campaignId, phone_number: phone } });
      expect(reply.status, reply.text).toBe(201);
      contacts.push(reply.body.id as string);
    }
    // Activated, the stand-in answers each dial and plays it forward to completed.
    expect((await h.app.post(`/api/campaigns/${campaignId}/activate`, { token: org.admin.token })).status).toBe(200);
    await eventually(
      async () => {
        for (const id of contacts) expect((await h.app.get(`/api/contacts/${id}`, { token: org.admin.token })).body.status).toBe('COMPLETED');
        return true;
      },
      { what: 'every contact completed', timeoutMs: QUEUED_WORK_MS },
    );

    // The next minute tick's sweep finds nothing left to dial.
    const tick = () => fetch(`${runtime.url}/_local/schedules/kraliki/dialer-tick`, { method: 'POST' });
    expect((await tick()).status).toBeLessThan(300);
    for (const user of [org.admin, supervisor]) {
      const [notification] = await eventually(
        async () => {
          const found = await notificationsOf(user, 'campaign_finished');
          return found.length > 0 && found;
        },
        { what: `the campaign notification of the ${user.role}`, timeoutMs: QUEUED_WORK_MS },
      );
      expect(notification).toMatchObject({ type: 'campaign_finished', title: 'Campaign finished', data: { campaign_id: campaignId } });
    }
    expect(await notificationsOf(agent, 'campaign_finished')).toEqual([]);

    expect((await tick()).status).toBeLessThan(300);
    await eventually(() => runtime.queues.stats(DIAL_QUEUE).batchesInFlight === 0 && runtime.queues.stats(DIAL_QUEUE).visible === 0, {
      what: 'the tick taken',
    });
    await runtime.queues.drained(DIAL_QUEUE, QUEUED_WORK_MS);
    expect(await notificationsOf(org.admin, 'campaign_finished')).toHaveLength(1);
    expect(await notificationsOf(supervisor, 'campaign_finished')).toHaveLength(1);
  });
});
