/**
 * /api/agents and /api/agent through the gateway: profiles made by
 * supervisors, statuses set by the agent herself or a supervisor, the
 * available count, and the day's stats from stored call totals.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, type Org, type OrgUser } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

async function agentOf(org: Org, user: OrgUser, fields: Record<string, unknown> = {}) {
  const reply = await h.app.post('/api/agents', { token: org.admin.token, json: { user_id: user.id, ...fields } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

const setStatus = (caller: OrgUser, agentId: string, status: string) => h.app.patch(`/api/agents/${agentId}/status`, { token: caller.token, json: { status } });
const availableCount = async (caller: OrgUser) => (await h.app.get('/api/agents/available/count', { token: caller.token })).body.available_agents;

describe('POST /api/agents', () => {
  it('makes a user an agent: OFFLINE, load 0, the capacity, skills and language given', async () => {
    const org = await h.registerOrg();
    const user = await h.addUser(org, 'AGENT');
    const agent = await agentOf(org, user, { max_capacity: 3, skills: ['billing'], language: 'cs', status: 'AVAILABLE', current_load: 2 });
    expect(agent).toMatchObject({ user_id: user.id, status: 'OFFLINE', current_load: 0, max_capacity: 3, skills: ['billing'], language: 'cs', metadata: null });
    expect((await h.app.get(`/api/agents/${agent.id}`, { token: user.token })).body).toEqual(agent);
  });

  it('answers 409 for a second profile of one user, 404 for an unknown user, 422 for a capacity out of 1–10', async () => {
    const org = await h.registerOrg();
    const user = await h.addUser(org, 'AGENT');
    await agentOf(org, user);
    const again = await h.app.post('/api/agents', { token: org.admin.token, json: { user_id: user.id } });
    expect([again.status, again.body.detail]).toEqual([409, 'User already has an agent profile']);
    const unknown = await h.app.post('/api/agents', { token: org.admin.token, json: { user_id: '00000000-0000-4000-8000-000000000000' } });
    expect([unknown.status, unknown.body.detail]).toEqual([404, 'User not found']);
    const tooMany = await h.app.post('/api/agents', { token: org.admin.token, json: { user_id: user.id, max_capacity: 11 } });
    expect([tooMany.status, tooMany.body.detail[0].loc]).toEqual([422, ['body', 'max_capacity']]);
  });

  it('is for SUPERVISORs and ADMINs: an AGENT gets 403', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    const refused = await h.app.post('/api/agents', { token: agent.token, json: { user_id: agent.id } });
    expect([refused.status, refused.body.detail]).toEqual([403, 'Supervisor or admin access required']);
    expect((await h.app.post('/api/agents', { token: supervisor.token, json: { user_id: agent.id } })).status).toBe(201);
  });
});

describe('PATCH /api/agents/{agent_id}/status', () => {
  it('is allowed to the agent herself and to supervisors; another agent gets 403 and nothing changes', async () => {
    const org = await h.registerOrg();
    const [supervisor, ann, bob] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT'), h.addUser(org, 'AGENT')]);
    const agent = await agentOf(org, ann);
    expect((await setStatus(ann, agent.id, 'AVAILABLE')).body.status).toBe('AVAILABLE');
    const before = await h.orgItems(org);
    const refused = await setStatus(bob, agent.id, 'BREAK');
    expect([refused.status, refused.body.code]).toEqual([403, 'not_own_agent']);
    expect(await h.orgItems(org)).toEqual(before);
    expect((await setStatus(supervisor, agent.id, 'TRAINING')).body.status).toBe('TRAINING');
  });

  it('answers 422 for an unknown status', async () => {
    const org = await h.registerOrg();
    const ann = await h.addUser(org, 'AGENT');
    const agent = await agentOf(org, ann);
    expect((await setStatus(ann, agent.id, 'ASLEEP')).status).toBe(422);
  });
});

describe('GET /api/agents/available/count', () => {
  it('counts the organization’s AVAILABLE agents with load below capacity', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const [ann, bob] = await Promise.all([h.addUser(org, 'AGENT'), h.addUser(org, 'AGENT')]);
    const [a, b] = await Promise.all([agentOf(org, ann), agentOf(org, bob)]);
    expect(await availableCount(ann)).toBe(0);

    await setStatus(ann, a.id, 'AVAILABLE');
    await setStatus(bob, b.id, 'AVAILABLE');
    await eventually(async () => (await availableCount(ann)) === 2, { what: 'two available agents' });
    expect(await availableCount(other.admin)).toBe(0);

    await setStatus(bob, b.id, 'BUSY');
    await eventually(async () => (await availableCount(ann)) === 1, { what: 'one available agent' });

    // An agent at capacity is not available, whatever her status.
    await h.table.put({ ...(await h.table.get(`ORG#${org.id}`, `AGENT#${a.id}`)), current_load: 1 });
    await h.app.put(`/api/agents/${a.id}`, { token: org.admin.token, json: { skills: ['sales'] } });
    await eventually(async () => (await availableCount(ann)) === 0, { what: 'no available agent' });
    await h.app.put(`/api/agents/${a.id}`, { token: org.admin.token, json: { max_capacity: 2 } });
    await eventually(async () => (await availableCount(ann)) === 1, { what: 'capacity raised' });
  });
});

describe('a deactivated user’s agent profile', () => {
  it('goes OFFLINE, so she is no longer counted as available', async () => {
    const org = await h.registerOrg();
    const { user, agent } = await h.addAgent(org);
    await setStatus(user, agent.id, 'AVAILABLE');
    await eventually(async () => (await availableCount(org.admin)) === 1, { what: 'one available agent' });
    expect((await h.app.post(`/api/users/${user.id}/deactivate`, { token: org.admin.token })).status).toBe(200);
    expect((await h.app.get(`/api/agents/${agent.id}`, { token: org.admin.token })).body.status).toBe('OFFLINE');
    await eventually(async () => (await availableCount(org.admin)) === 0, { what: 'no available agent' });
  });
});

describe('GET /api/agents', () => {
  it('lists the organization’s agents newest first, filtered by status', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const [ann, bob] = await Promise.all([h.addUser(org, 'AGENT'), h.addUser(org, 'AGENT')]);
    const a = await agentOf(org, ann);
    const b = await agentOf(org, bob);
    await agentOf(other, await h.addUser(other, 'AGENT'));
    await setStatus(ann, a.id, 'AVAILABLE');
    expect((await h.app.get('/api/agents', { token: ann.token })).body.map((agent: { id: string }) => agent.id)).toEqual([b.id, a.id]);
    expect((await h.app.get('/api/agents', { token: ann.token, query: { status: 'AVAILABLE' } })).body.map((agent: { id: string }) => agent.id)).toEqual([
      a.id,
    ]);
  });
});

describe('GET /api/agent/my-stats and /leaderboard', () => {
  it('answer zeros until calls are recorded', async () => {
    const org = await h.registerOrg();
    const ann = await h.addUser(org, 'AGENT');
    await agentOf(org, ann);
    const stats = await h.app.get('/api/agent/my-stats', { token: ann.token });
    expect(stats.body).toEqual({
      agent_id: ann.id,
      today: { total_calls: 0, completed_calls: 0, total_duration_seconds: 0, average_duration_seconds: 0 },
      current_status: 'OFFLINE',
    });
    const board = await h.app.get('/api/agent/leaderboard', { token: ann.token });
    expect(board.body).toEqual({ period: 'today', leaderboard: [{ agent_id: ann.id, name: 'Sam agent', calls: 0, completion_rate: 0 }] });
  });

  it('read the day’s stored call totals: most calls first', async () => {
    const org = await h.registerOrg();
    const [ann, bob] = await Promise.all([h.addUser(org, 'AGENT', { first_name: 'Ann' }), h.addUser(org, 'AGENT', { first_name: 'Bob' })]);
    await Promise.all([agentOf(org, ann), agentOf(org, bob)]);
    const day = new Date().toISOString().slice(0, 10);
    const totals = (user: OrgUser, total: number, completed: number, duration: number) =>
      h.table.put({
        pk: `ORG#${org.id}`,
        sk: `AGENT_DAY#${day}#${user.id}`,
        user_id: user.id,
        total_calls: total,
        completed_calls: completed,
        total_duration_seconds: duration,
      });
    await Promise.all([totals(ann, 4, 3, 300), totals(bob, 6, 3, 90)]);
    expect((await h.app.get('/api/agent/my-stats', { token: ann.token })).body.today).toEqual({
      total_calls: 4,
      completed_calls: 3,
      total_duration_seconds: 300,
      average_duration_seconds: 100,
    });
    const board = await h.app.get('/api/agent/leaderboard', { token: org.admin.token });
    expect(board.body.leaderboard).toEqual([
      { agent_id: bob.id, name: 'Bob agent', calls: 6, completion_rate: 0.5 },
      { agent_id: ann.id, name: 'Ann agent', calls: 4, completion_rate: 0.75 },
    ]);
  });
});
