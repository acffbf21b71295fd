/**
 * A user's work statistics (`/users/me/stats`, `/users/{user_id}/stats`) and
 * the platform's organizations for super admins (`/organizations`,
 * `/{org_id}`, `/{org_id}/stats`, `/{org_id}/activate|deactivate`), through
 * the gateway.
 */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';
import { customerWrites, inboxOrg } from '../inbox/inbox-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

describe('GET /users/me/stats and GET /users/{user_id}/stats', () => {
  it('counts the conversations a user holds by status, the messages she sent and her response time', { timeout: 90_000 }, async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const conversationId = await customerWrites(h, inbox);
    expect((await h.app.post(`/conversations/${conversationId}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
    for (const text of ['Olá', 'Posso ajudar?'])
      expect(
        (await h.app.post(`/conversations/${conversationId}/messages`, { token: agent.token, json: { message_type: 'text', content: { text } } })).status,
      ).toBe(201);

    const mine = await h.app.get('/users/me/stats', { token: agent.token });
    expect(mine.body).toMatchObject({ total_conversations: 1, conversations_active: 1, conversations_resolved: 0, total_messages_sent: 2 });
    // One reply answered the customer's message (the second followed her own).
    expect(mine.body.avg_response_time_minutes).toBeGreaterThanOrEqual(0);
    expect(mine.body.avg_response_time_minutes).toBeLessThan(5);

    expect((await h.app.post(`/conversations/${conversationId}/close`, { token: agent.token })).status).toBe(200);
    const theirs = await h.app.get(`/users/${agent.id}/stats`, { token: inbox.admin.token });
    expect(theirs.body).toMatchObject({ total_conversations: 1, conversations_active: 0, conversations_resolved: 1, total_messages_sent: 2 });
    expect((await h.app.get('/users/me/stats', { token: inbox.admin.token })).body).toEqual({
      total_conversations: 0,
      total_messages_sent: 0,
      avg_response_time_minutes: null,
      conversations_resolved: 0,
      conversations_active: 0,
    });
  });

  it('answers 404 for a user of another organization and 422 for a bad id', async () => {
    const admin = await h.registerOrg();
    const stranger = await h.registerOrg();
    expect((await h.app.get(`/users/${stranger.id}/stats`, { token: admin.token })).status).toBe(404);
    expect((await h.app.get('/users/not-a-uuid/stats', { token: admin.token })).status).toBe(422);
    expect((await h.app.get('/users/me/stats')).status).toBe(401);
  });
});

describe('the platform’s organizations (super admins only)', () => {
  it('lists every organization newest first, reads one and its counts; every other role gets 403', { timeout: 90_000 }, async () => {
    const home = await h.registerOrg();
    const superAdmin = await h.seedUser(home, 'super_admin');
    const first = await h.registerOrg();
    const second = await h.registerOrg();
    await h.app.post('/contacts', { token: second.token, json: { whatsapp_id: '5511955554444', name: 'Cliente' } });

    const listed = await h.app.get('/organizations', { token: superAdmin.token, query: { limit: 100 } });
    expect(listed.status).toBe(200);
    const ids = listed.body.map((org: { id: string }) => org.id);
    expect(ids.indexOf(second.orgId)).toBeLessThan(ids.indexOf(first.orgId));
    expect(ids.indexOf(first.orgId)).toBeLessThan(ids.indexOf(home.orgId));

    expect((await h.app.get(`/organizations/${first.orgId}`, { token: superAdmin.token })).body).toMatchObject({ id: first.orgId, is_active: true });
    expect((await h.app.get(`/organizations/${second.orgId}/stats`, { token: superAdmin.token })).body).toEqual({
      organization_id: second.orgId,
      total_users: 1,
      total_contacts: 1,
      total_conversations: 0,
      total_whatsapp_numbers: 0,
      plan_type: 'free',
      plan_limits: expect.any(Object),
      is_active: true,
    });
    expect((await h.app.get('/organizations/7d1f5a3e-2b7c-4c1e-9a55-0f3a2b1c4d5e', { token: superAdmin.token })).status).toBe(404);
    expect((await h.app.get('/organizations/not-a-uuid', { token: superAdmin.token })).status).toBe(422);

    const agent = await h.seedUser(first, 'agent');
    for (const member of [first, agent]) {
      const denied = await h.app.get('/organizations', { token: member.token });
      expect([denied.status, denied.body.detail]).toEqual([403, 'Insufficient permissions. Required roles: super_admin']);
      expect((await h.app.get(`/organizations/${first.orgId}`, { token: member.token })).status).toBe(403);
      expect((await h.app.get(`/organizations/${first.orgId}/stats`, { token: member.token })).status).toBe(403);
      expect((await h.app.post(`/organizations/${second.orgId}/deactivate`, { token: member.token })).status).toBe(403);
    }
    // The caller's own organization is still /organizations/me.
    expect((await h.app.get('/organizations/me', { token: first.token })).body.id).toBe(first.orgId);
  });

  it('deactivates an organization (its users refused at once) and activates it again; never the super admin’s own', async () => {
    const home = await h.registerOrg();
    const superAdmin = await h.seedUser(home, 'super_admin');
    const tenant = await h.registerOrg();
    expect((await h.app.get('/users/me', { token: tenant.token })).status).toBe(200);

    const off = await h.app.post(`/organizations/${tenant.orgId}/deactivate`, { token: superAdmin.token });
    expect([off.status, off.body.is_active]).toEqual([200, false]);
    expect((await h.app.get('/users/me', { token: tenant.token })).status).toBe(401);
    expect((await h.app.get('/organizations', { token: superAdmin.token, query: { is_active: false } })).body.map((o: { id: string }) => o.id)).toContain(
      tenant.orgId,
    );

    const on = await h.app.post(`/organizations/${tenant.orgId}/activate`, { token: superAdmin.token });
    expect([on.status, on.body.is_active]).toEqual([200, true]);
    expect((await h.app.get('/users/me', { token: tenant.token })).status).toBe(200);

    const own = await h.app.post(`/organizations/${home.orgId}/deactivate`, { token: superAdmin.token });
    expect([own.status, own.body.detail]).toEqual([403, 'Cannot deactivate your own organization']);
    expect((await h.app.get('/users/me', { token: superAdmin.token })).status).toBe(200);
  });
});
