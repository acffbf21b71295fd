/**
 * /api/analytics through the gateway, after calls played through the signed
 * Twilio webhooks: finished calls counted once (replayed callbacks included)
 * by period, direction and outcome; calls in progress on the dashboard; agents'
 * figures and an AGENT's own view; campaigns' results; another organization
 * sees none of it; bad periods and ranges are 422 in FastAPI's format.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { isoWeekOf } from '../../../functions/kraliki/analytics/periods.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org } from '../app-client.ts';
import { orgWithNumber } from '../calls/call-fixtures.ts';
import { callOf, callStatus, inboundCall, outboundCall, play, quietTwilio } from './call-traffic.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);
quietTwilio(runtime);

/** Tests that play several calls through the webhooks and wait for their queued counting: a loaded machine needs the room. */
const SLOW_TEST_MS = 120_000;
const QUEUED_WORK_MS = 60_000;

const analytics = (org: Org, what: string, query: Record<string, string> = {}, token = org.admin.token) =>
  h.app.get(`/api/analytics/${what}`, { token, query });

/** Waits until the org's call analytics count `total` calls, then answers them. */
async function countedCalls(org: Org, total: number, query: Record<string, string> = {}, token = org.admin.token) {
  return eventually(
    async () => {
      const reply = await analytics(org, 'calls', query, token);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.summary.total_calls).toBe(total);
      return reply.body;
    },
    { what: `${total} calls counted`, timeoutMs: QUEUED_WORK_MS },
  );
}

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/analytics/calls and /dashboard', () => {
  it(
    'counts each finished call once, in the period it started, by direction and outcome',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const [answered] = await Promise.all([
        inboundCall(h, org, number).then((call) => play(h, call, ['in-progress', 'completed'], 60)),
        inboundCall(h, org, number).then((call) => play(h, call, ['no-answer'])),
        outboundCall(h, org.admin.token, number).then((call) => play(h, call, ['ringing', 'in-progress', 'completed'], 30)),
        outboundCall(h, org.admin.token, number).then((call) => play(h, call, ['ringing', 'busy'])),
      ]);
      // Twilio retries and replays: the finished call is not counted again.
      await callStatus(h, answered, 'completed', 60);
      await callStatus(h, answered, 'in-progress');

      const body = await countedCalls(org, 4);
      expect(body.summary).toEqual({ total_calls: 4, completed_calls: 2, avg_duration: 45, completion_rate: 50 });
      expect(body.metrics).toEqual([
        {
          period: today(),
          total: 4,
          inbound: 2,
          outbound: 2,
          completed: 2,
          failed: 0,
          no_answer: 1,
          busy: 1,
          canceled: 0,
          total_duration: 90,
          avg_duration: 45,
          completion_rate: 50,
        },
      ]);
      expect((await callOf(h, org, answered.id)).status).toBe('COMPLETED');

      const hour = new Date().toISOString();
      const hourly = (await analytics(org, 'calls', { group_by: 'hour' })).body;
      // The calls may straddle an hour boundary: every period is an hour label, and they add up.
      expect(hourly.metrics.map((m: any) => m.period).every((p: string) => /^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(p))).toBe(true);
      expect(hourly.metrics.reduce((sum: number, m: any) => sum + m.total, 0)).toBe(4);
      expect(hourly.metrics.at(-1).period.slice(0, 10)).toBe(hour.slice(0, 10));
      expect((await analytics(org, 'calls', { group_by: 'week' })).body.metrics.map((m: any) => m.period)).toEqual([isoWeekOf(today())]);
      expect((await analytics(org, 'calls', { group_by: 'month' })).body.metrics.map((m: any) => m.period)).toEqual([today().slice(0, 7)]);

      const dashboard = await analytics(org, 'dashboard');
      expect(dashboard.status, dashboard.text).toBe(200);
      expect(dashboard.body).toEqual({
        total_calls_24h: 4,
        active_calls: 0,
        completed_calls_24h: 2,
        avg_call_duration: 45,
        active_campaigns: 0,
        completion_rate: 50,
      });
    },
    SLOW_TEST_MS,
  );

  it(
    'shows a call in progress as active until it ends',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const call = await play(h, await inboundCall(h, org, number), ['in-progress']);
      await eventually(async () => expect((await analytics(org, 'dashboard')).body.active_calls).toBe(1), {
        what: 'the call active',
        timeoutMs: QUEUED_WORK_MS,
      });
      await callStatus(h, call, 'completed', 12);
      const dashboard = await eventually(
        async () => {
          const body = (await analytics(org, 'dashboard')).body;
          expect(body).toMatchObject({ active_calls: 0, total_calls_24h: 1 });
          return body;
        },
        { what: 'the call counted and no longer active', timeoutMs: QUEUED_WORK_MS },
      );
      expect(dashboard).toMatchObject({ completed_calls_24h: 1, avg_call_duration: 12, completion_rate: 100 });
    },
    SLOW_TEST_MS,
  );

  it('reads a range: calls outside it are not counted, and a past range is empty', async () => {
    const { org, number } = await orgWithNumber(h);
    await play(h, await inboundCall(h, org, number), ['in-progress', 'completed'], 5);
    await countedCalls(org, 1);
    const past = await analytics(org, 'calls', { start_date: '2025-01-01', end_date: '2025-01-31T23:59:59Z' });
    expect(past.status, past.text).toBe(200);
    expect(past.body).toEqual({ summary: { total_calls: 0, completed_calls: 0, avg_duration: 0, completion_rate: 0 }, metrics: [] });
    const aroundNow = await analytics(org, 'calls', { start_date: today(), end_date: new Date(Date.now() + 3_600_000).toISOString() });
    expect(aroundNow.body.summary.total_calls).toBe(1);
  });
});

describe('GET /api/analytics/agents', () => {
  it(
    'lists every agent with her finished calls; an AGENT sees only her own row and her own calls',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const [{ user: busy }, { user: idle }] = await Promise.all([h.addAgent(org), h.addAgent(org)]);
      const call = await outboundCall(h, org.admin.token, number);
      const assigned = await h.app.put(`/api/calls/${call.id}`, { token: org.admin.token, json: { agent_id: busy.id } });
      expect(assigned.status, assigned.text).toBe(200);
      await Promise.all([
        play(h, call, ['ringing', 'in-progress', 'completed'], 20),
        inboundCall(h, org, number).then((missed) => play(h, missed, ['no-answer'])),
      ]);

      const rows = await eventually(
        async () => {
          const reply = await analytics(org, 'agents');
          expect(reply.status, reply.text).toBe(200);
          expect(reply.body.find((row: any) => row.agent_id === busy.id)?.total_calls).toBe(1);
          return reply.body;
        },
        { what: 'the agent’s call counted', timeoutMs: QUEUED_WORK_MS },
      );
      expect(rows).toEqual([
        { agent_id: busy.id, agent_name: 'Sam agent', total_calls: 1, completed_calls: 1, avg_duration: 20, completion_rate: 100 },
        { agent_id: idle.id, agent_name: 'Sam agent', total_calls: 0, completed_calls: 0, avg_duration: 0, completion_rate: 0 },
      ]);

      const own = await analytics(org, 'agents', {}, busy.token);
      expect(own.body).toEqual([rows[0]]);
      expect((await analytics(org, 'agents', {}, idle.token)).body).toEqual([rows[1]]);
      // Her call analytics count her call only; the organization's count both.
      expect((await countedCalls(org, 1, {}, busy.token)).summary).toEqual({ total_calls: 1, completed_calls: 1, avg_duration: 20, completion_rate: 100 });
      expect((await countedCalls(org, 0, {}, idle.token)).metrics).toEqual([]);
      await countedCalls(org, 2);
    },
    SLOW_TEST_MS,
  );
});

describe('GET /api/analytics/campaigns', () => {
  it(
    'gives each campaign its finished calls and completion rate',
    async () => {
      const { org, number } = await orgWithNumber(h);
      const created = await h.app.post('/api/campaigns', {
        token: org.admin.token,
        json: { name: 'Renewals', type: 'OUTBOUND', instructions: { script: 'Hi' } },
      });
      expect(created.status, created.text).toBe(201);
      const idle = await h.app.post('/api/campaigns', { token: org.admin.token, json: { name: 'Idle', type: 'INBOUND', instructions: {} } });
      expect(idle.status, idle.text).toBe(201);
      const campaignId = created.body.id;
      await Promise.all([
        outboundCall(h, org.admin.token, number, { campaign_id: campaignId }).then((call) => play(h, call, ['ringing', 'in-progress', 'completed'], 40)),
        outboundCall(h, org.admin.token, number, { campaign_id: campaignId }).then((call) => play(h, call, ['ringing', 'no-answer'])),
        outboundCall(h, org.admin.token, number).then((call) => play(h, call, ['ringing', 'in-progress', 'completed'], 40)),
      ]);

      const rows = await eventually(
        async () => {
          const reply = await analytics(org, 'campaigns');
          expect(reply.status, reply.text).toBe(200);
          expect(reply.body.find((row: any) => row.campaign_id === campaignId)?.total_calls).toBe(2);
          return reply.body;
        },
        { what: 'the campaign’s calls counted', timeoutMs: QUEUED_WORK_MS },
      );
      expect(rows).toHaveLength(2);
      expect(rows).toContainEqual({
        campaign_id: campaignId,
        campaign_name: 'Renewals',
        total_calls: 2,
        completed_calls: 1,
        active: created.body.active,
        completion_rate: 50,
      });
      expect(rows).toContainEqual({
        campaign_id: idle.body.id,
        campaign_name: 'Idle',
        total_calls: 0,
        completed_calls: 0,
        active: idle.body.active,
        completion_rate: 0,
      });
    },
    SLOW_TEST_MS,
  );
});

describe('organizations and input', () => {
  it('shows another organization none of the figures', async () => {
    const { org, number } = await orgWithNumber(h);
    await play(h, await inboundCall(h, org, number), ['in-progress', 'completed'], 9);
    await countedCalls(org, 1);
    const stranger = await h.registerOrg();
    expect((await analytics(stranger, 'calls')).body.summary.total_calls).toBe(0);
    expect((await analytics(stranger, 'dashboard')).body).toMatchObject({ total_calls_24h: 0, active_calls: 0 });
    expect((await analytics(stranger, 'agents')).body).toEqual([]);
    expect((await analytics(stranger, 'campaigns')).body).toEqual([]);
  });

  it('answers 422 for an unknown group_by, a bad date, a backwards or too long range', async () => {
    const org = await h.registerOrg();
    for (const query of <Record<string, string>[]>[
      { group_by: 'year' },
      { start_date: 'yesterday' },
      { start_date: '2026-02-01', end_date: '2026-01-01' },
      { group_by: 'hour', start_date: '2026-01-01', end_date: '2026-03-01' },
      { start_date: '2024-01-01', end_date: '2026-01-01' },
    ]) {
      const reply = await analytics(org, 'calls', query);
      expect(reply.status, JSON.stringify(query)).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
      expect(reply.body.detail[0].loc[0]).toBe('query');
    }
    expect((await analytics(org, 'agents', { start_date: '2026-02-01', end_date: '2026-01-01' })).status).toBe(422);
  });

  it('answers 401 without an access token', async () => {
    for (const what of ['dashboard', 'calls', 'agents', 'campaigns']) {
      const reply = await h.app.get(`/api/analytics/${what}`);
      expect(reply.status).toBe(401);
      expect(typeof reply.body.detail).toBe('string');
    }
  });
});
