/** Concurrent writes to one team and one agent keep their counts and their availability index right. */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

describe('concurrent writes', () => {
  it('let exactly max_members of simultaneous joins in', async () => {
    const org = await h.registerOrg();
    const users = await Promise.all([1, 2, 3, 4].map(() => h.addUser(org, 'AGENT')));
    const team = (await h.app.post('/api/teams', { token: org.admin.token, json: { name: 'Pair', max_members: 2 } })).body;
    const replies = await Promise.all(users.map((user) => h.app.post(`/api/teams/${team.id}/members`, { token: org.admin.token, json: { user_id: user.id } })));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409]);
    expect((await h.app.get(`/api/teams/${team.id}`, { token: org.admin.token })).body.current_members).toBe(2);
    expect((await h.app.get(`/api/teams/${team.id}/members`, { token: org.admin.token })).body).toHaveLength(2);
  });

  it('leave an agent’s availability index agreeing with her last status', async () => {
    const org = await h.registerOrg();
    const { user, agent } = await h.addAgent(org);
    const statuses = ['AVAILABLE', 'BUSY', 'AVAILABLE', 'BREAK', 'AVAILABLE', 'OFFLINE'];
    const replies = await Promise.all(statuses.map((status) => h.app.patch(`/api/agents/${agent.id}/status`, { token: user.token, json: { status } })));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const stored = await h.table.get(`ORG#${org.id}`, `AGENT#${agent.id}`);
    expect(stored?.version).toBe(1 + statuses.length);
    const expected = stored?.status === 'AVAILABLE' ? 1 : 0;
    expect(Boolean(stored?.gsi1pk)).toBe(expected === 1);
    await eventually(async () => (await h.app.get('/api/agents/available/count', { token: user.token })).body.available_agents === expected);
  });
});
