/**
 * SLA alerts, queue metrics and CSAT ratings through the gateway. The clock is
 * moved the way other suites move it: stored timestamps (a waiting item's
 * `queued_at` and its SLA due time, a conversation's `queued_at`) are set in
 * the past as the minutes would have, then the minute schedule is fired.
 */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { conversationKey, slaDueIndexKeys } from '../../../functions/pytake/keys.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, type Member, pytakeHarness } from '../app-client.ts';
import { type Inbox, inboxOrg, silentConversation } from '../inbox/inbox-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const fireSla = async () => expect((await fetch(`${runtime.url}/_local/schedules/pytake/sla-alerts`, { method: 'POST' })).status).toBe(202);

async function queueWithSla(inbox: Inbox, slaMinutes: number | null) {
  const department = await h.app.post('/departments', { token: inbox.admin.token, json: { name: `Suporte ${Math.random()}` } });
  const queue = await h.app.post('/queues', {
    token: inbox.admin.token,
    json: { department_id: department.body.id, name: 'Atendimento', slug: 'atendimento', sla_minutes: slaMinutes, auto_assign_conversations: false },
  });
  expect(queue.status).toBe(201);
  return { departmentId: department.body.id as string, queueId: queue.body.id as string };
}

async function waiting(inbox: Inbox, q: { departmentId: string; queueId: string }) {
  const id = await silentConversation(h, inbox);
  const moved = await h.app.post(`/conversations/${id}/transfer`, { token: inbox.admin.token, json: { department_id: q.departmentId, queue_id: q.queueId } });
  expect(moved.body.status).toBe('queued');
  return id;
}

const waitingItem = async (orgId: string, conversationId: string) =>
  (await h.table.partition(`ORG#${orgId}`)).find((item) => String(item.sk).startsWith('QUEUED#') && item.conversation_id === conversationId) as
    | Record<string, any>
    | undefined;

/** Moves a waiting conversation `minutes` into its wait: its queued time and its timer's due time, as the minutes would. */
async function waitedFor(orgId: string, conversationId: string, minutes: number) {
  const item = (await waitingItem(orgId, conversationId))!;
  const queuedAt = minutesAgo(minutes);
  const share = item.sla_stage === 'warning' ? 0.8 : 1;
  const due = new Date(Date.parse(queuedAt) + item.sla_minutes * 60_000 * share).toISOString();
  await h.table.put({ ...item, queued_at: queuedAt, ...slaDueIndexKeys(orgId, conversationId, due) });
}

const slaNotices = async (member: Member, conversationId?: string) =>
  ((await h.app.get('/notifications', { token: member.token })).body as { notification_type: string; notification_metadata: Record<string, any> }[]).filter(
    (n) => n.notification_type === 'sla_warning' && (!conversationId || n.notification_metadata.conversation_id === conversationId),
  );

describe('SLA alerts (the sla-alerts schedule)', () => {
  it('warns the queue’s agents and the admins at 80% of the SLA and again past it, once per threshold, and never for a conversation taken in time', {
    timeout: 120_000,
  }, async () => {
    const inbox = await inboxOrg(h);
    const q = await queueWithSla(inbox, 10);
    const agent = await h.seedUser(inbox.admin, 'agent', { department_ids: [q.departmentId] });
    const elsewhere = await h.seedUser(inbox.admin, 'agent', { department_ids: [] });
    const late = await waiting(inbox, q);
    expect(await waitingItem(inbox.admin.orgId, late)).toMatchObject({ sla_stage: 'warning', sla_minutes: 10, gsi1pk: expect.stringMatching(/^SLA_DUE#/) });

    await waitedFor(inbox.admin.orgId, late, 9);
    await fireSla();
    const [warning] = await eventually(async () => {
      const notices = await slaNotices(agent, late);
      return notices.length ? notices : undefined;
    });
    expect(warning!.notification_metadata).toMatchObject({ severity: 'warning', queue_id: q.queueId, sla_minutes: 10, waited_minutes: 9 });
    await eventually(async () => (await slaNotices(inbox.admin, late)).length === 1);
    expect(await waitingItem(inbox.admin.orgId, late)).toMatchObject({ sla_stage: 'critical' });

    // A second firing: only the newly due conversation alerts, the first one does not again.
    const marker = await waiting(inbox, q);
    await waitedFor(inbox.admin.orgId, marker, 8.5);
    await fireSla();
    await eventually(async () => (await slaNotices(agent, marker)).length === 1);
    expect(await slaNotices(agent, late)).toHaveLength(1);

    // Past the SLA: critical, once; the timer leaves the index.
    await waitedFor(inbox.admin.orgId, late, 11);
    await fireSla();
    await eventually(async () => (await slaNotices(agent, late)).some((n) => n.notification_metadata.severity === 'critical'));
    const item = (await waitingItem(inbox.admin.orgId, late))!;
    expect([item.sla_stage, item.gsi1pk]).toEqual(['done', undefined]);

    // Taken before its warning: its timer goes with its waiting item, so it never alerts.
    const taken = await waiting(inbox, q);
    for (const _ of [late, marker, taken]) expect((await h.app.post('/queue/pull', { token: agent.token, query: { queue_id: q.queueId } })).status).toBe(200);
    expect(await waitingItem(inbox.admin.orgId, taken)).toBeUndefined();
    expect(await slaNotices(agent, taken)).toEqual([]);
    expect(await slaNotices(elsewhere)).toEqual([]);
  });

  it('sets no timer for a queue without an SLA', { timeout: 90_000 }, async () => {
    const inbox = await inboxOrg(h);
    const q = await queueWithSla(inbox, null);
    const id = await waiting(inbox, q);
    const item = (await waitingItem(inbox.admin.orgId, id))!;
    expect([item.gsi1pk, item.sla_stage]).toEqual([undefined, undefined]);
  });
});

describe('GET /queues/{queue_id}/metrics and POST /conversations/{conversation_id}/rating', () => {
  it('answers volume, wait average and median, SLA compliance, resolution and CSAT from stored samples and ratings', { timeout: 90_000 }, async () => {
    const inbox = await inboxOrg(h);
    const q = await queueWithSla(inbox, 5);
    const agent = await h.seedUser(inbox.admin, 'agent', { department_ids: [q.departmentId] });
    const waitsMinutes = [1, 2, 10];
    const ids: string[] = [];
    for (const minutes of waitsMinutes) {
      const id = await waiting(inbox, q);
      // Queued `minutes` ago: the pull's sample is that wait.
      const stored = (await h.table.get(conversationKey(inbox.admin.orgId, id)))!;
      await h.table.put({ ...stored, queued_at: minutesAgo(minutes) });
      ids.push(id);
    }
    for (const _ of ids) expect((await h.app.post('/queue/pull', { token: agent.token, query: { queue_id: q.queueId } })).status).toBe(200);
    expect((await h.app.post(`/conversations/${ids[0]}/close`, { token: agent.token })).status).toBe(200);

    const scores = [5, 4, 2];
    for (const [i, id] of ids.entries()) {
      const rated = await h.app.post(`/conversations/${id}/rating`, { token: agent.token, json: { score: scores[i], comment: i === 0 ? 'Ótimo' : undefined } });
      expect(rated.status).toBe(201);
      expect(rated.body).toMatchObject({ conversation_id: id, queue_id: q.queueId, agent_id: agent.id, score: scores[i], rated_by: agent.id });
    }
    const again = await h.app.post(`/conversations/${ids[0]}/rating`, { token: agent.token, json: { score: 1 } });
    expect([again.status, again.body.detail]).toEqual([409, 'Conversation already rated']);

    const metrics = await h.app.get(`/queues/${q.queueId}/metrics`, { token: agent.token, query: { days: 7 } });
    expect(metrics.status).toBe(200);
    const m = metrics.body;
    expect(m).toMatchObject({
      queue_id: q.queueId,
      total_conversations: 3,
      conversations_today: expect.any(Number),
      queued_conversations: 0,
      active_conversations: 2,
      wait_samples: 3,
      sla_minutes: 5,
      sla_violations: 1,
      sla_compliance_rate: 66.67,
      customer_satisfaction_score: 66.67,
      average_rating: 3.67,
      ratings_count: 3,
      resolution_rate: 33.33,
    });
    // Waits of about 60, 120 and 600 seconds (plus the seconds the test took).
    expect(m.median_wait_time_seconds).toBeGreaterThanOrEqual(120);
    expect(m.median_wait_time_seconds).toBeLessThan(180);
    expect(m.average_wait_time_seconds).toBeGreaterThanOrEqual(260);
    expect(m.average_wait_time_seconds).toBeLessThan(320);
    expect(m.volume_by_hour).toHaveLength(24);
    expect(m.volume_by_hour.reduce((sum: number, h: { count: number }) => sum + h.count, 0)).toBe(3);
  });

  it('refuses bad periods and scores with 422, a viewer’s rating with 403, and another organization’s queue and conversation with 404', {
    timeout: 90_000,
  }, async () => {
    const inbox = await inboxOrg(h);
    const q = await queueWithSla(inbox, 5);
    const id = await waiting(inbox, q);
    for (const days of [0, 91, 'x']) expect((await h.app.get(`/queues/${q.queueId}/metrics`, { token: inbox.admin.token, query: { days } })).status).toBe(422);
    for (const json of [{ score: 0 }, { score: 6 }, { score: 4.5 }, {}, { score: 3, comment: 'x'.repeat(1001) }])
      expect((await h.app.post(`/conversations/${id}/rating`, { token: inbox.admin.token, json })).status).toBe(422);
    const viewer = await h.seedUser(inbox.admin, 'viewer');
    expect((await h.app.post(`/conversations/${id}/rating`, { token: viewer.token, json: { score: 5 } })).status).toBe(403);
    const stranger = await h.registerOrg();
    expect((await h.app.get(`/queues/${q.queueId}/metrics`, { token: stranger.token })).status).toBe(404);
    expect((await h.app.post(`/conversations/${id}/rating`, { token: stranger.token, json: { score: 5 } })).status).toBe(404);
    expect((await h.app.get(`/queues/${q.queueId}/metrics`, { token: viewer.token })).body).toMatchObject({
      wait_samples: 0,
      median_wait_time_seconds: null,
      customer_satisfaction_score: null,
    });
  });
});

describe('POST /queues/bulk-delete', () => {
  it('removes the organization’s queues among the ids, skips others’ (404 when none is the caller’s), and is for admins only', {
    timeout: 90_000,
  }, async () => {
    const inbox = await inboxOrg(h);
    const a = await queueWithSla(inbox, null);
    const b = await queueWithSla(inbox, 5);
    const stranger = await h.registerOrg();
    const agent = await h.seedUser(inbox.admin, 'agent');
    expect((await h.app.post('/queues/bulk-delete', { token: agent.token, json: { queue_ids: [a.queueId] } })).status).toBe(403);
    const notMine = await h.app.post('/queues/bulk-delete', { token: stranger.token, json: { queue_ids: [a.queueId, b.queueId] } });
    expect([notMine.status, notMine.body.detail]).toEqual([404, 'No queues found to delete']);
    for (const json of [{ queue_ids: [] }, { queue_ids: ['x'] }, {}])
      expect((await h.app.post('/queues/bulk-delete', { token: inbox.admin.token, json })).status).toBe(422);
    expect((await h.app.get('/queues', { token: inbox.admin.token })).body).toHaveLength(2);
    const done = await h.app.post('/queues/bulk-delete', { token: inbox.admin.token, json: { queue_ids: [a.queueId, b.queueId, stranger.id] } });
    expect(done.status).toBe(204);
    expect((await h.app.get('/queues', { token: inbox.admin.token })).body).toEqual([]);
  });
});
