import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { type Member, pytakeHarness } from '../app-client.ts';
import { customerWrites, type Inbox, inboxOrg } from '../inbox/inbox-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

async function department(admin: Member, name = 'Suporte'): Promise<string> {
  const reply = await h.app.post('/departments', { token: admin.token, json: { name } });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

async function queue(admin: Member, departmentId: string, priority: number, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await h.app.post('/queues', {
    token: admin.token,
    json: { department_id: departmentId, name: `Fila ${priority}`, slug: `fila-${priority}`, priority, ...extra },
  });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

const transfer = async (inbox: Inbox, conversationId: string, departmentId: string, queueId?: string) => {
  const reply = await h.app.post(`/conversations/${conversationId}/transfer`, {
    token: inbox.admin.token,
    json: { department_id: departmentId, queue_id: queueId },
  });
  expect(reply.body).toMatchObject({ status: 'queued', current_agent_id: null, queue_id: queueId ?? null });
};

describe('departments and queues', () => {
  it('keeps a queue’s settings (priority, SLA, routing, per-agent maximum, overflow) and checks its department and overflow queue', async () => {
    const { admin } = await inboxOrg(h);
    const departmentId = await department(admin);
    const overflow = await queue(admin, departmentId, 10);
    const id = await queue(admin, departmentId, 80, {
      sla_minutes: 15,
      routing_mode: 'load_balance',
      max_conversations_per_agent: 3,
      overflow_queue_id: overflow,
    });
    expect((await h.app.get(`/queues/${id}`, { token: admin.token })).body).toMatchObject({
      department_id: departmentId,
      priority: 80,
      sla_minutes: 15,
      routing_mode: 'load_balance',
      auto_assign_conversations: true,
      max_conversations_per_agent: 3,
      overflow_queue_id: overflow,
    });
    expect((await h.app.get('/queues', { token: admin.token })).body.map((q: { id: string }) => q.id)).toEqual([id, overflow]);
    const other = await h.registerOrg();
    const otherDepartment = await department(other);
    expect((await h.app.post('/queues', { token: admin.token, json: { department_id: otherDepartment, name: 'x', slug: 'x' } })).status).toBe(404);
    expect((await h.app.put(`/queues/${id}`, { token: admin.token, json: { overflow_queue_id: id } })).status).toBe(404);
    expect((await h.app.put(`/departments/${departmentId}`, { token: admin.token, json: { name: 'Vendas' } })).body.name).toBe('Vendas');
    expect((await h.app.get('/departments', { token: admin.token })).body.map((d: { id: string }) => d.id)).toEqual([departmentId]);
  });

  it('lets only admins change them, and answers 422 for bad settings', async () => {
    const { admin } = await inboxOrg(h);
    const agent = await h.seedUser(admin, 'agent');
    expect((await h.app.post('/departments', { token: agent.token, json: { name: 'x' } })).status).toBe(403);
    const departmentId = await department(admin);
    for (const json of [
      { department_id: departmentId, name: 'x', slug: 'x', priority: 101 },
      { department_id: departmentId, name: 'x', slug: 'x', sla_minutes: 0 },
      { department_id: departmentId, name: 'x', slug: 'x', routing_mode: 'random' },
      { department_id: departmentId, name: 'x', slug: 'x', max_conversations_per_agent: 0 },
      { department_id: departmentId, name: '', slug: 'x' },
      { name: 'x', slug: 'x' },
    ]) {
      expect((await h.app.post('/queues', { token: admin.token, json })).status).toBe(422);
    }
    expect((await h.app.post('/departments', { token: admin.token, json: { name: 'x', color: 'red' } })).status).toBe(422);
  });
});

describe('POST /queue/pull', () => {
  it('takes the highest priority first, then the longest wait; 404 when nothing waits', async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const departmentId = await department(inbox.admin);
    const [low, high] = [await queue(inbox.admin, departmentId, 10), await queue(inbox.admin, departmentId, 90)];
    const [c1, c2, c3] = [await customerWrites(h, inbox), await customerWrites(h, inbox), await customerWrites(h, inbox)];
    await transfer(inbox, c1, departmentId, low);
    await transfer(inbox, c2, departmentId, high);
    await transfer(inbox, c3, departmentId, high);
    const pulled = [];
    for (let i = 0; i < 3; i++) {
      const reply = await h.app.post('/queue/pull', { token: agent.token });
      expect(reply.body).toMatchObject({ status: 'active', current_agent_id: agent.id });
      pulled.push(reply.body.id);
    }
    expect(pulled).toEqual([c2, c3, c1]);
    const empty = await h.app.post('/queue/pull', { token: agent.token });
    expect([empty.status, typeof empty.body.detail]).toEqual([404, 'string']);
  });

  it('pulls from one queue when asked, and a conversation assigned by hand leaves its queue', async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const departmentId = await department(inbox.admin);
    const [low, high] = [await queue(inbox.admin, departmentId, 10), await queue(inbox.admin, departmentId, 90)];
    const [c1, c2] = [await customerWrites(h, inbox), await customerWrites(h, inbox)];
    await transfer(inbox, c1, departmentId, low);
    await transfer(inbox, c2, departmentId, high);
    expect((await h.app.post('/queue/pull', { token: agent.token, query: { queue_id: low } })).body.id).toBe(c1);
    await h.app.post(`/conversations/${c2}/assign`, { token: inbox.admin.token, json: { agent_id: inbox.admin.id } });
    expect((await h.app.post('/queue/pull', { token: agent.token })).status).toBe(404);
  });

  it('never gives one conversation to two agents pulling at once', async () => {
    const inbox = await inboxOrg(h);
    const departmentId = await department(inbox.admin);
    const queueId = await queue(inbox.admin, departmentId, 50);
    const conversations = await Promise.all(Array.from({ length: 4 }, () => customerWrites(h, inbox)));
    for (const id of conversations) await transfer(inbox, id, departmentId, queueId);
    const agents = await Promise.all(Array.from({ length: 7 }, () => h.seedUser(inbox.admin, 'agent')));
    const replies = await Promise.all(agents.map((agent) => h.app.post('/queue/pull', { token: agent.token })));
    const taken = replies.filter((reply) => reply.status === 200).map((reply) => reply.body.id);
    expect(taken.sort()).toEqual([...conversations].sort());
    expect(replies.filter((reply) => reply.status === 404)).toHaveLength(3);
    for (const [i, reply] of replies.entries()) if (reply.status === 200) expect(reply.body.current_agent_id).toBe(agents[i].id);
  });

  it('refuses viewers (403)', async () => {
    const { admin } = await inboxOrg(h);
    const viewer = await h.seedUser(admin, 'viewer');
    expect((await h.app.post('/queue/pull', { token: viewer.token })).status).toBe(403);
  });
});

describe('routing on transfer (auto-assign)', () => {
  it('load balance gives each conversation to the department’s least busy available agent; others wait for a pull', async () => {
    const inbox = await inboxOrg(h);
    const departmentId = await department(inbox.admin);
    const queueId = await queue(inbox.admin, departmentId, 50, { routing_mode: 'load_balance', max_conversations_per_agent: 1 });
    const [ana, bia] = await Promise.all([
      h.seedUser(inbox.admin, 'agent', { department_ids: [departmentId] }),
      h.seedUser(inbox.admin, 'agent', { department_ids: [departmentId] }),
    ]);
    await h.seedUser(inbox.admin, 'agent', { department_ids: [departmentId], agent_status: 'away' });
    await h.seedUser(inbox.admin, 'agent');
    const conversations = [await customerWrites(h, inbox), await customerWrites(h, inbox), await customerWrites(h, inbox)];
    const results = [];
    for (const id of conversations) {
      const reply = await h.app.post(`/conversations/${id}/transfer`, { token: inbox.admin.token, json: { department_id: departmentId, queue_id: queueId } });
      results.push([reply.body.status, reply.body.current_agent_id]);
    }
    expect(results.slice(0, 2).map(([status]) => status)).toEqual(['active', 'active']);
    expect(
      results
        .slice(0, 2)
        .map(([, agentId]) => agentId)
        .sort(),
    ).toEqual([ana.id, bia.id].sort());
    expect(results[2]).toEqual(['queued', null]);
  });

  it('sends newcomers to the overflow queue once the queue holds max_queue_size', async () => {
    const inbox = await inboxOrg(h);
    const departmentId = await department(inbox.admin);
    const overflow = await queue(inbox.admin, departmentId, 5, { routing_mode: 'manual' });
    const main = await queue(inbox.admin, departmentId, 60, { routing_mode: 'manual', max_queue_size: 1, overflow_queue_id: overflow });
    const [c1, c2] = [await customerWrites(h, inbox), await customerWrites(h, inbox)];
    const first = await h.app.post(`/conversations/${c1}/transfer`, { token: inbox.admin.token, json: { department_id: departmentId, queue_id: main } });
    const second = await h.app.post(`/conversations/${c2}/transfer`, { token: inbox.admin.token, json: { department_id: departmentId, queue_id: main } });
    expect([first.body.queue_id, second.body.queue_id]).toEqual([main, overflow]);
  });
});
