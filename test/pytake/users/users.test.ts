/** Users of an organization: listing, creation, profile, roles, activation, deletion and skills, through the gateway. */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, pytakeHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

const newUser = (role = 'agent') => ({ email: `new-${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'Segura-123', full_name: 'Novo Agente', role });

describe('POST /users', () => {
  it('lets an admin add an agent who can then log in', async () => {
    const admin = await h.registerOrg();
    const input = newUser();
    const reply = await h.app.post('/users', { token: admin.token, json: input });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ email: input.email, role: 'agent', organization_id: admin.orgId, is_active: true });
    expect(reply.text).not.toMatch(/password|scrypt/);
    const login = await h.app.post('/auth/login', { json: { email: input.email, password: input.password }, ip: freshIp() });
    expect(login.body.user.id).toBe(reply.body.id);
  });

  it.each(['agent', 'viewer'] as const)('refuses a %s with 403', async (role) => {
    const admin = await h.registerOrg();
    const member = await h.seedUser(admin, role);
    const reply = await h.app.post('/users', { token: member.token, json: newUser() });
    expect(reply.status).toBe(403);
    expect(reply.body.detail).toBe('Insufficient permissions. Required roles: super_admin, org_admin');
  });

  it('never creates a super_admin', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.post('/users', { token: admin.token, json: newUser('super_admin') });
    expect([reply.status, reply.body.detail]).toEqual([403, 'Cannot create super_admin users']);
  });

  it('refuses an e-mail taken in any organization with 409', async () => {
    const [admin, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const reply = await h.app.post('/users', { token: admin.token, json: { ...newUser(), email: other.email } });
    expect([reply.status, reply.body.detail]).toEqual([409, 'Email already registered']);
  });

  it('refuses bad input with 422 naming each field', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.post('/users', { token: admin.token, json: { email: 'x', password: 'short', full_name: 'A', role: 'boss' } });
    expect(reply.status).toBe(422);
    expect(reply.body.detail.map((d: { loc: string[] }) => d.loc.join('.')).sort()).toEqual(
      expect.arrayContaining(['body.email', 'body.full_name', 'body.password', 'body.role']),
    );
  });
});

describe('GET /users', () => {
  it('lists only the organization’s users, newest first, paged with skip/limit and filtered', async () => {
    const [admin, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const agent = await h.seedUser(admin, 'agent');
    const viewer = await h.seedUser(admin, 'viewer', { created_at: '2099-01-01T00:00:00.000Z' });
    await h.seedUser(other, 'agent');
    const all = await h.app.get('/users', { token: admin.token });
    expect(all.status).toBe(200);
    expect(all.body.map((u: { id: string }) => u.id).sort()).toEqual([admin.id, agent.id, viewer.id].sort());
    expect(all.body[0].id).toBe(viewer.id);
    expect(all.text).not.toMatch(/password|scrypt/);
    const page = await h.app.get('/users', { token: admin.token, query: { skip: 1, limit: 1 } });
    expect(page.body).toHaveLength(1);
    const agents = await h.app.get('/users', { token: admin.token, query: { role: 'agent' } });
    expect(agents.body.map((u: { id: string }) => u.id)).toEqual([agent.id]);
    // Viewers read too.
    expect((await h.app.get('/users', { token: viewer.token })).status).toBe(200);
  });

  it('filters by activation and refuses bad paging with 422', async () => {
    const admin = await h.registerOrg();
    const inactive = await h.seedUser(admin, 'agent', { is_active: false });
    const reply = await h.app.get('/users', { token: admin.token, query: { is_active: 'false' } });
    expect(reply.body.map((u: { id: string }) => u.id)).toEqual([inactive.id]);
    const bad = await h.app.get('/users', { token: admin.token, query: { limit: 500, skip: -1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: string[] }) => d.loc.join('.')).sort()).toEqual(['query.limit', 'query.skip']);
  });
});

describe('/users/me', () => {
  it('lets any user, a viewer too, update their profile and away status, but not their role, activation or departments', async () => {
    const admin = await h.registerOrg();
    const viewer = await h.seedUser(admin, 'viewer');
    const reply = await h.app.put('/users/me', {
      token: viewer.token,
      json: { full_name: 'Vera Viewer', agent_status: 'away', role: 'org_admin', is_active: false, department_ids: [crypto.randomUUID()] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ full_name: 'Vera Viewer', agent_status: 'away', role: 'viewer', is_active: true, department_ids: [] });
    expect((await h.app.get('/users/me', { token: viewer.token })).body.agent_status).toBe('away');
  });

  it('refuses an unknown agent status with 422', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.put('/users/me', { token: admin.token, json: { agent_status: 'sleeping' } })).status).toBe(422);
  });
});

describe('PUT /users/{user_id}', () => {
  it('lets an admin change a role; the new role applies to the user’s next request', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const reply = await h.app.put(`/users/${agent.id}`, { token: admin.token, json: { role: 'viewer', full_name: 'Ex Agente' } });
    expect(reply.body).toMatchObject({ role: 'viewer', full_name: 'Ex Agente' });
    expect((await h.app.get('/auth/me', { token: agent.token })).body.role).toBe('viewer');
  });

  it('refuses super_admin, one’s own role, and non-admins', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    expect((await h.app.put(`/users/${agent.id}`, { token: admin.token, json: { role: 'super_admin' } })).body.detail).toBe('Cannot assign super_admin role');
    expect((await h.app.put(`/users/${admin.id}`, { token: admin.token, json: { role: 'agent' } })).body.detail).toBe('Cannot change your own role');
    expect((await h.app.put(`/users/${admin.id}`, { token: agent.token, json: { full_name: 'Hacked' } })).status).toBe(403);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const admin = await h.registerOrg();
    const unknown = await h.app.get(`/users/${crypto.randomUUID()}`, { token: admin.token });
    expect([unknown.status, unknown.body.detail]).toEqual([404, 'User not found']);
    const malformed = await h.app.get('/users/not-a-uuid', { token: admin.token });
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail[0].loc).toEqual(['path', 'user_id']);
  });
});

describe('activation and deletion', () => {
  it('a deactivated user’s live tokens stop working at once; activation restores login', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const reply = await h.app.post(`/users/${agent.id}/deactivate`, { token: admin.token });
    expect(reply.body.is_active).toBe(false);
    expect((await h.app.get('/auth/me', { token: agent.token })).status).toBe(401);
    expect((await h.app.post('/auth/refresh', { json: { refresh_token: agent.refreshToken } })).status).toBe(401);
    expect((await h.app.post(`/users/${agent.id}/activate`, { token: admin.token })).body.is_active).toBe(true);
    expect((await h.app.post('/auth/login', { json: { email: agent.email, password: agent.password }, ip: freshIp() })).status).toBe(200);
  });

  it('an admin cannot deactivate or delete themselves', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.post(`/users/${admin.id}/deactivate`, { token: admin.token })).body.detail).toBe('Cannot deactivate yourself');
    expect((await h.app.delete(`/users/${admin.id}`, { token: admin.token })).body.detail).toBe('Cannot delete yourself');
  });

  it('deleting a user hides it, refuses its tokens and frees its e-mail', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    await h.app.post(`/users/${agent.id}/skills`, { token: admin.token, json: { skill_name: 'Vendas' } });
    expect((await h.app.delete(`/users/${agent.id}`, { token: admin.token })).status).toBe(204);
    expect((await h.app.get(`/users/${agent.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.delete(`/users/${agent.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.get('/auth/me', { token: agent.token })).status).toBe(401);
    expect((await h.app.get('/users/skills/available', { token: admin.token })).body).toEqual([]);
    const again = await h.app.post('/users', { token: admin.token, json: { ...newUser(), email: agent.email } });
    expect(again.status).toBe(201);
  });
});

describe('skills', () => {
  it('admins add, change, replace and remove a user’s skills; everyone reads them', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const added = await h.app.post(`/users/${agent.id}/skills`, { token: admin.token, json: { skill_name: ' Suporte ', proficiency_level: 4 } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ skill_name: 'Suporte', proficiency_level: 4, user_id: agent.id, organization_id: admin.orgId });
    const changed = await h.app.put(`/users/${agent.id}/skills/${added.body.id}`, { token: admin.token, json: { proficiency_level: 5 } });
    expect(changed.body.proficiency_level).toBe(5);
    expect((await h.app.get(`/users/${agent.id}/skills`, { token: agent.token })).body).toHaveLength(1);
    const replaced = await h.app.put(`/users/${agent.id}/skills`, {
      token: admin.token,
      json: [{ skill_name: 'Vendas' }, { skill_name: 'Cobrança', proficiency_level: 2 }],
    });
    expect(replaced.body.map((s: { skill_name: string }) => s.skill_name)).toEqual(['Cobrança', 'Vendas']);
    expect(replaced.body[1].proficiency_level).toBe(3);
    expect((await h.app.get('/users/skills/available', { token: agent.token })).body).toEqual(['Cobrança', 'Vendas']);
    expect((await h.app.delete(`/users/${agent.id}/skills/${replaced.body[0].id}`, { token: admin.token })).status).toBe(204);
    expect((await h.app.delete(`/users/${agent.id}/skills/${replaced.body[0].id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.post(`/users/${agent.id}/skills`, { token: agent.token, json: { skill_name: 'X' } })).status).toBe(403);
    expect((await h.app.post(`/users/${agent.id}/skills`, { token: admin.token, json: { skill_name: 'X', proficiency_level: 9 } })).status).toBe(422);
  });
});
