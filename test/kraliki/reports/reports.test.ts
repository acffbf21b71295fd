/**
 * /api/reports through the gateway: exports asked for, built by the
 * report-export queue into the reports bucket, and downloaded from their
 * presigned URL; the CSV parsed back (calls played through the signed Twilio
 * webhooks, figures as /api/analytics gives them, formula-looking cells
 * defused); the requester notified; deletion; SUPERVISOR or ADMIN only; bad
 * input 4xx with nothing stored; another organization's report not found.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';
import { CUSTOMER, inboundCall, outboundCall, play, quietTwilio } from '../analytics/call-traffic.ts';
import { orgWithNumber } from '../calls/call-fixtures.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
quietTwilio(runtime);

const SLOW_TEST_MS = 120_000;
const QUEUED_WORK_MS = 60_000;

async function generate(org: Org, body: Record<string, unknown>, token = org.admin.token) {
  const reply = await h.app.post('/api/reports/generate', { token, json: body });
  expect(reply.status, reply.text).toBe(202);
  expect(reply.body).toMatchObject({ status: 'pending', format: 'csv', file_url: null });
  return reply.body;
}

/** Waits for the report to be completed; the report and its CSV's rows (objects keyed by the header). */
async function completed(org: Org, reportId: string): Promise<{ report: any; csv: string; rows: Record<string, string>[] }> {
  const report = await eventually(
    async () => {
      const reply = await h.app.get(`/api/reports/${reportId}`, { token: org.admin.token });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.status).toBe('completed');
      return reply.body;
    },
    { what: `report ${reportId} completed`, timeoutMs: QUEUED_WORK_MS },
  );
  expect(report.file_url).toMatch(/^http/);
  const download = await fetch(report.file_url);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toContain('text/csv');
  const csv = await download.text();
  expect(Buffer.byteLength(csv)).toBe(report.file_size_bytes);
  return { report, csv, rows: parse(csv, { columns: true }) };
}

async function countedCalls(org: Org, total: number): Promise<void> {
  await eventually(async () => expect((await h.app.get('/api/analytics/calls', { token: org.admin.token })).body.summary.total_calls).toBe(total), {
    what: `${total} calls counted`,
    timeoutMs: QUEUED_WORK_MS,
  });
}

describe('POST /api/reports/generate and GET /api/reports/{report_id}', () => {
  it(
    'exports the calls of the range as CSV, oldest first, defusing cells a spreadsheet would run',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const inbound = await play(h, await inboundCall(h, org, number), ['in-progress', 'completed'], 61);
      const outbound = await play(h, await outboundCall(h, org.admin.token, number), ['ringing', 'no-answer']);
      const noted = await h.app.put(`/api/calls/${inbound.id}`, {
        token: org.admin.token,
        json: { notes: '=HYPERLINK("http://x","y")', disposition: 'sale, "big"' },
      });
      expect(noted.status, noted.text).toBe(200);

      const asked = await generate(org, { report_type: 'call_analytics', name: 'Calls today' });
      expect(asked).toMatchObject({ name: 'Calls today', report_type: 'call_analytics', requested_by: org.admin.id, completed_at: null });
      const { report, csv, rows } = await completed(org, asked.id);
      expect(report.summary).toEqual({ rows: 2 });
      expect(Date.parse(report.expires_at) - Date.now()).toBeLessThanOrEqual(300_000);
      expect(csv.split('\r\n')[0]).toBe(
        'call_id,direction,status,from_number,to_number,agent_id,campaign_id,contact_id,start_time,end_time,duration,disposition,notes',
      );
      expect(rows.map((row) => row.call_id)).toEqual([inbound.id, outbound.id]);
      expect(rows[0]).toMatchObject({
        direction: 'INBOUND',
        status: 'COMPLETED',
        from_number: CUSTOMER,
        to_number: number,
        duration: '61',
        disposition: 'sale, "big"',
        notes: `'=HYPERLINK("http://x","y")`,
      });
      expect(rows[1]).toMatchObject({ direction: 'OUTBOUND', status: 'NO_ANSWER', from_number: number, to_number: CUSTOMER, duration: '' });

      // A range without these calls exports the header alone.
      const past = await generate(org, { report_type: 'call_analytics', date_range_start: '2025-01-01', date_range_end: '2025-02-01' });
      const empty = await completed(org, past.id);
      expect(empty.rows).toEqual([]);
      expect(empty.report.summary).toEqual({ rows: 0 });
    },
    SLOW_TEST_MS,
  );

  it(
    'exports the daily summary, agent performance and campaign effectiveness as the analytics give them',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const { user: agent } = await h.addAgent(org);
      const campaign = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Win-back', type: 'OUTBOUND', instructions: {} } });
      expect(campaign.status, campaign.text).toBe(201);
      const call = await outboundCall(h, org.admin.token, number, { campaign_id: campaign.body.id });
      expect((await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
      await play(h, call, ['ringing', 'in-progress', 'completed'], 30);
      await countedCalls(org, 1);
      await eventually(async () => expect((await h.app.get('/api/analytics/agents', { token: org.admin.token })).body[0].total_calls).toBe(1), {
        what: 'the agent’s call counted',
        timeoutMs: QUEUED_WORK_MS,
      });

      const [daily, agents, campaigns] = await Promise.all([
        generate(org, { report_type: 'daily_summary' }),
        generate(org, { report_type: 'agent_performance' }),
        generate(org, { report_type: 'campaign_effectiveness', campaign_id: campaign.body.id }),
      ]);
      const dailyRows = (await completed(org, daily.id)).rows;
      expect(dailyRows).toEqual([
        {
          period: new Date().toISOString().slice(0, 10),
          total: '1',
          inbound: '0',
          outbound: '1',
          completed: '1',
          failed: '0',
          no_answer: '0',
          busy: '0',
          canceled: '0',
          total_duration: '30',
          avg_duration: '30',
          completion_rate: '100',
        },
      ]);
      expect((await completed(org, agents.id)).rows).toEqual([
        { agent_id: agent.id, agent_name: 'Sam agent', total_calls: '1', completed_calls: '1', avg_duration: '30', completion_rate: '100' },
      ]);
      expect((await completed(org, campaigns.id)).rows).toEqual([
        {
          campaign_id: campaign.body.id,
          campaign_name: 'Win-back',
          active: String(campaign.body.active),
          total_calls: '1',
          completed_calls: '1',
          completion_rate: '100',
        },
      ]);
    },
    SLOW_TEST_MS,
  );

  it(
    'notifies the requester once the report is ready',
    async () => {
      const org = await h.registerOrg();
      const supervisor = await h.addUser(org, 'SUPERVISOR');
      const asked = await generate(org, { report_type: 'daily_summary' }, supervisor.token);
      await completed(org, asked.id);
      const mine = await eventually(
        async () => {
          const reply = await h.app.get('/api/notifications', { token: supervisor.token });
          expect(reply.body.items).toHaveLength(1);
          return reply.body;
        },
        { what: 'the report_ready notification', timeoutMs: QUEUED_WORK_MS },
      );
      expect(mine.items[0]).toMatchObject({ type: 'report_ready', data: { report_id: asked.id }, read: false });
      expect((await h.app.get('/api/notifications', { token: org.admin.token })).body.items).toEqual([]);
    },
    SLOW_TEST_MS,
  );
});

describe('GET /api/reports and DELETE /api/reports/{report_id}', () => {
  it(
    'lists the organization’s reports newest first, filtered by type, and deletes one with its file',
    async () => {
      const org = await h.registerOrg();
      const first = await generate(org, { report_type: 'daily_summary' });
      const second = await generate(org, { report_type: 'agent_performance' });
      const { report } = await completed(org, second.id);
      await completed(org, first.id);

      const all = await h.app.get('/api/reports', { token: org.admin.token });
      expect(all.status, all.text).toBe(200);
      expect(all.body.map((r: any) => r.id)).toEqual([second.id, first.id]);
      const agentsOnly = await h.app.get('/api/reports', { token: org.admin.token, query: { report_type: 'agent_performance' } });
      expect(agentsOnly.body.map((r: any) => r.id)).toEqual([second.id]);
      expect((await h.app.get('/api/reports', { token: org.admin.token, query: { status: 'pending' } })).body).toEqual([]);

      const deleted = await h.app.delete(`/api/reports/${second.id}`, { token: org.admin.token });
      expect(deleted.status, deleted.text).toBe(200);
      expect(deleted.body).toEqual({ status: 'deleted', id: second.id });
      expect((await h.app.get(`/api/reports/${second.id}`, { token: org.admin.token })).status).toBe(404);
      expect((await fetch(report.file_url)).status).toBe(404);
      expect((await h.app.delete(`/api/reports/${second.id}`, { token: org.admin.token })).status).toBe(404);
    },
    SLOW_TEST_MS,
  );
});

describe('who may, and bad input', () => {
  it('refuses an AGENT every report route (403), and answers 401 without a token', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const report = await generate(org, { report_type: 'daily_summary' });
    for (const reply of [
      await h.app.post('/api/reports/generate', { token: agent.token, json: { report_type: 'daily_summary' } }),
      await h.app.get('/api/reports', { token: agent.token }),
      await h.app.get(`/api/reports/${report.id}`, { token: agent.token }),
      await h.app.delete(`/api/reports/${report.id}`, { token: agent.token }),
    ]) {
      expect(reply.status, reply.text).toBe(403);
      expect(reply.body.detail).toBe('Supervisor or admin access required');
    }
    expect((await h.app.get('/api/reports')).status).toBe(401);
    expect((await h.app.get(`/api/reports/${report.id}`, { token: org.admin.token })).status).toBe(200);
  });

  it('answers 422 for an unknown type or format, bad dates, a backwards or too long range; 404 for an unknown campaign; storing nothing', async () => {
    const org = await h.registerOrg();
    const before = await h.orgItems(org);
    for (const body of [
      {},
      { report_type: 'quality_assurance' },
      { report_type: 'daily_summary', format: 'pdf' },
      { report_type: 'daily_summary', date_range_start: 'last week' },
      { report_type: 'daily_summary', date_range_start: '2026-02-01', date_range_end: '2026-01-01' },
      { report_type: 'daily_summary', date_range_start: '2024-01-01', date_range_end: '2026-01-01' },
      { report_type: 'daily_summary', campaign_id: 'c1' },
    ]) {
      const reply = await h.app.post('/api/reports/generate', { token: org.admin.token, json: body });
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
    }
    const unknown = await h.app.post('/api/reports/generate', {
      token: org.admin.token,
      json: { report_type: 'call_analytics', campaign_id: 'no-such-campaign' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('Campaign not found');
    expect((await h.app.get('/api/reports', { token: org.admin.token, query: { limit: 0 } })).status).toBe(422);
    expect((await h.app.get('/api/reports/no-such-report', { token: org.admin.token })).status).toBe(404);
    expect(await h.orgItems(org)).toEqual(before);
  });
});
