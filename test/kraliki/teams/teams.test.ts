/** /api/teams through the gateway: everyone reads, SUPERVISORs and ADMINs change; members and their count. */
import { describe, expect, it } from 'vitest';
import kraliki from '../../../functions/kraliki/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { kralikiHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [kraliki] });
const h = kralikiHarness(runtime);

describe('teams', () => {
  it('are created, read, listed, changed and deleted by supervisors; agents read them', async () => {
    const org = await h.registerOrg();
    const [supervisor, agent] = await Promise.all([h.addUser(org, 'SUPERVISOR'), h.addUser(org, 'AGENT')]);
    const created = await h.app.post('/api/teams', {
      token: supervisor.token,
      json: { name: 'Tier 1', description: 'First line', skills: ['billing'], max_members: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Tier 1',
      organization_id: org.id,
      supervisor_id: supervisor.id,
      max_members: 5,
      current_members: 0,
      skills: ['billing'],
    });
    const id = created.body.id;

    expect((await h.app.get(`/api/teams/${id}`, { token: agent.token })).body).toEqual(created.body);
    const list = await h.app.get('/api/teams', { token: agent.token });
    expect(list.body).toMatchObject({ total: 1, skip: 0, limit: 20 });

    const refused = await h.app.put(`/api/teams/${id}`, { token: agent.token, json: { name: 'Mine' } });
    expect([refused.status, refused.body.detail]).toEqual([403, 'Supervisor or admin access required']);
    const changed = await h.app.put(`/api/teams/${id}`, { token: supervisor.token, json: { name: 'Tier 2', description: null } });
    expect(changed.body).toMatchObject({ name: 'Tier 2', description: null, skills: ['billing'] });

    expect((await h.app.delete(`/api/teams/${id}`, { token: agent.token })).status).toBe(403);
    expect((await h.app.delete(`/api/teams/${id}`, { token: supervisor.token })).status).toBe(204);
    expect((await h.app.get(`/api/teams/${id}`, { token: agent.token })).body.detail).toBe('Team not found');
  });

  it('keep their members, counted against max_members', async () => {
    const org = await h.registerOrg();
    const [ann, bob, cid] = await Promise.all([h.addUser(org, 'AGENT'), h.addUser(org, 'AGENT'), h.addUser(org, 'AGENT')]);
    const team = (await h.app.post('/api/teams', { token: org.admin.token, json: { name: 'Small', max_members: 2 } })).body;
    const add = (userId: string, role?: string) => h.app.post(`/api/teams/${team.id}/members`, { token: org.admin.token, json: { user_id: userId, role } });

    const lead = await add(ann.id, 'LEAD');
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ team_id: team.id, user_id: ann.id, role: 'LEAD' });
    expect((await add(bob.id)).body.role).toBe('MEMBER');
    const again = await add(ann.id);
    expect([again.status, again.body.code]).toEqual([409, 'already_member']);
    const full = await add(cid.id);
    expect([full.status, full.body.code]).toEqual([409, 'team_full']);
    expect((await add(cid.id, 'CAPTAIN')).status).toBe(422);

    const members = await h.app.get(`/api/teams/${team.id}/members`, { token: cid.token });
    expect(members.body.map((member: { user_id: string }) => member.user_id).sort()).toEqual([ann.id, bob.id].sort());
    expect((await h.app.get(`/api/teams/${team.id}`, { token: cid.token })).body.current_members).toBe(2);

    const shrink = await h.app.put(`/api/teams/${team.id}`, { token: org.admin.token, json: { max_members: 1 } });
    expect([shrink.status, shrink.body.code]).toEqual([409, 'team_too_small']);

    expect((await h.app.delete(`/api/teams/${team.id}/members/${bob.id}`, { token: org.admin.token })).status).toBe(204);
    const gone = await h.app.delete(`/api/teams/${team.id}/members/${bob.id}`, { token: org.admin.token });
    expect([gone.status, gone.body.detail]).toEqual([404, 'Team member not found']);
    expect((await add(cid.id)).status).toBe(201);
    expect((await h.app.get(`/api/teams/${team.id}`, { token: cid.token })).body.current_members).toBe(2);

    expect((await h.app.delete(`/api/teams/${team.id}`, { token: org.admin.token })).status).toBe(204);
    const left = (await h.table.partition(`ORG#${org.id}`)).filter((item) => String(item.sk).startsWith('TEAM'));
    expect(left).toEqual([]);
  });

  it('answer 422 for a bad team', async () => {
    const org = await h.registerOrg();
    const reply = await h.app.post('/api/teams', { token: org.admin.token, json: { name: '', max_members: 0 } });
    expect(reply.status).toBe(422);
    expect(reply.body.detail.map((problem: { loc: string[] }) => problem.loc.join('.')).sort()).toEqual(['body.max_members', 'body.name']);
  });
});
