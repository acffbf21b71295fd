/**
 * /api/users through the gateway: ADMINs manage their organization's users;
 * SUPERVISORs and AGENTs are refused; no answer carries a password hash; an
 * admin cannot lock herself out.
 */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness, PASSWORD } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

let n = 0;
const newEmail = () => `user-${Date.now().toString(36)}-${++n}@example.com`;

describe('POST /api/users', () => {
  it('creates a user of the admin’s organization with the role given; she logs in with it', async () => {
    const org = await h.registerOrg();
    const email = newEmail();
    const reply = await h.app.post('/api/users', {
      token: org.admin.token,
      json: { email, password: PASSWORD, first_name: 'Sue', last_name: 'Pervisor', role: 'SUPERVISOR', department: 'Sales', organization_id: 'elsewhere' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ email, role: 'SUPERVISOR', status: 'ACTIVE', organization_id: org.id, department: 'Sales' });
    expect(reply.text).not.toMatch(/password|scrypt/i);
    const session = await h.app.login(email, PASSWORD);
    expect(session.user.organization_id).toBe(org.id);
  });

  it('answers 409 for an e-mail registered anywhere', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const reply = await h.app.post('/api/users', {
      token: org.admin.token,
      json: { email: other.admin.email, password: PASSWORD, first_name: 'A', last_name: 'B', role: 'AGENT' },
    });
    expect([reply.status, reply.body.detail]).toEqual([409, 'Email already registered']);
  });

  it('answers 422 for an unknown role or a short password', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.post('/api/users', {
      token: org.admin.token,
      json: { email: newEmail(), password: 'short', first_name: 'A', last_name: 'B', role: 'CUSTOMER' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.detail.map((problem: { loc: string[] }) => problem.loc.join('.')).sort()).toEqual(['body.password', 'body.role']);
  });
});

describe('the role rules of /api/users', () => {
  it('refuses SUPERVISORs and AGENTs with 403 on every users route', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    const before = await h.orgItems(org);
    for (const caller of [supervisor, agent]) {
      const replies = await Promise.all([
        h.app.get('/api/users', { token: caller.token }),
        h.app.get(`/api/users/${agent.id}`, { token: caller.token }),
        h.app.put(`/api/users/${agent.id}`, { token: caller.token, json: { role: 'ADMIN' } }),
        h.app.post(`/api/users/${agent.id}/deactivate`, { token: caller.token }),
        h.app.post('/api/users', { token: caller.token, json: { email: newEmail(), password: PASSWORD, first_name: 'A', last_name: 'B', role: 'ADMIN' } }),
      ]);
      for (const reply of replies) expect([reply.status, reply.body.detail]).toEqual([403, 'Admin access required']);
    }
    expect(await h.orgItems(org)).toEqual(before);
  });

  it('takes a role change into account at once, without a new login', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    expect((await h.app.post('/api/teams', { token: agent.token, json: { name: 'Mine' } })).status).toBe(403);
    expect((await h.app.put(`/api/users/${agent.id}`, { token: org.admin.token, json: { role: 'SUPERVISOR' } })).body.role).toBe('SUPERVISOR');
    expect((await h.app.post('/api/teams', { token: agent.token, json: { name: 'Mine' } })).status).toBe(201);
  });
});

describe('GET /api/users', () => {
  it('lists the organization’s users only, newest first, filtered and paged, without hashes', async () => {
    const [org, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const agent1 = await h.addUser(org, 'AGENT');
    const agent2 = await h.addUser(org, 'AGENT');
    await h.addUser(other, 'AGENT');
    const all = await h.app.get('/api/users', { token: org.admin.token });
    expect(all.body.total).toBe(3);
    expect(all.body.users.map((user: { id: string }) => user.id)).toEqual([agent2.id, agent1.id, org.admin.id]);
    expect(all.text).not.toMatch(/password|scrypt/i);
    const agents = await h.app.get('/api/users', { token: org.admin.token, query: { role: 'AGENT', skip: 1, limit: 1 } });
    expect(agents.body).toMatchObject({ total: 2, skip: 1, limit: 1 });
    expect(agents.body.users.map((user: { id: string }) => user.id)).toEqual([agent1.id]);
    expect((await h.app.get('/api/users', { token: org.admin.token, query: { limit: 0 } })).status).toBe(422);
  });
});

describe('PUT /api/users/{user_id} and activation', () => {
  it('changes names, role, department and skills', async () => {
    const org = await h.registerOrg();
    const agent = await h.addUser(org, 'AGENT');
    const reply = await h.app.put(`/api/users/${agent.id}`, { token: org.admin.token, json: { first_name: 'Ann', skills: ['billing'], department: null } });
    expect(reply.body).toMatchObject({ id: agent.id, first_name: 'Ann', skills: ['billing'], department: null, role: 'AGENT' });
    expect((await h.app.get(`/api/users/${agent.id}`, { token: org.admin.token })).body).toEqual(reply.body);
  });

  it('keeps an admin from demoting or deactivating herself', async () => {
    const org = await h.registerOrg();
    const demote = await h.app.put(`/api/users/${org.admin.id}`, { token: org.admin.token, json: { role: 'AGENT' } });
    const deactivate = await h.app.post(`/api/users/${org.admin.id}/deactivate`, { token: org.admin.token });
    expect([demote.status, deactivate.status]).toEqual([409, 409]);
    expect((await h.app.get('/api/auth/me', { token: org.admin.token })).body).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it('lets an admin change her own names', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.put(`/api/users/${org.admin.id}`, { token: org.admin.token, json: { last_name: 'Byron', role: 'ADMIN' } });
    expect([reply.status, reply.body.last_name, reply.body.role]).toEqual([200, 'Byron', 'ADMIN']);
  });

  it('never leaves an organization without an admin when two admins demote or deactivate each other at once', async () => {
    for (const action of ['demote', 'deactivate'] as const) {
      const org = await h.registerOrg();
      const second = await h.addUser(org, 'ADMIN');
      const act = (actor: { token: string }, target: string) =>
        action === 'demote'
          ? h.app.put(`/api/users/${target}`, { token: actor.token, json: { role: 'AGENT' } })
          : h.app.post(`/api/users/${target}/deactivate`, { token: actor.token });
      const replies = await Promise.all([act(org.admin, second.id), act(second, org.admin.id)]);
      expect(replies.filter((reply) => reply.status === 200).length, action).toBeLessThanOrEqual(1);
      const users = (await h.table.partition(`ORG#${org.id}`)).filter((item) => String(item.sk).startsWith('USER#'));
      expect(users.filter((user) => user.role === 'ADMIN' && user.status === 'ACTIVE').length, action).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers 404 for an unknown user', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.put('/api/users/00000000-0000-4000-8000-000000000000', { token: org.admin.token, json: { first_name: 'X' } });
    expect([reply.status, reply.body.detail]).toEqual([404, 'User not found']);
  });
});
