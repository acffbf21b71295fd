/** The caller's organization: GET /organizations/me, PUT /organizations/me and its settings. */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

describe('GET /organizations/me', () => {
  it('answers the caller’s organization to any of its users', async () => {
    const admin = await h.registerOrg({ organization_name: 'Padaria São João' });
    const viewer = await h.seedUser(admin, 'viewer');
    const reply = await h.app.get('/organizations/me', { token: viewer.token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: admin.orgId, name: 'Padaria São João', slug: 'padaria-sao-joao', plan_type: 'free', is_active: true });
  });
});

describe('PUT /organizations/me', () => {
  it('lets an admin change the name and details', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.put('/organizations/me', { token: admin.token, json: { name: 'Nova Razão', website: 'https://example.com', description: null } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Nova Razão', website: 'https://example.com', description: null });
    expect((await h.app.get('/organizations/me', { token: admin.token })).body.name).toBe('Nova Razão');
  });

  it.each(['agent', 'viewer'] as const)('refuses a %s with 403, changing nothing', async (role) => {
    const admin = await h.registerOrg();
    const member = await h.seedUser(admin, role);
    const before = await h.orgItems(admin.orgId);
    expect((await h.app.put('/organizations/me', { token: member.token, json: { name: 'Hijacked' } })).status).toBe(403);
    expect((await h.app.put('/organizations/me/settings', { token: member.token, json: { timezone: 'UTC' } })).status).toBe(403);
    expect(await h.orgItems(admin.orgId)).toEqual(before);
  });

  it('refuses an empty name with 422', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.put('/organizations/me', { token: admin.token, json: { name: '' } })).status).toBe(422);
  });
});

describe('PUT /organizations/me/settings', () => {
  it('merges the given settings over the stored ones', async () => {
    const admin = await h.registerOrg();
    await h.app.put('/organizations/me/settings', { token: admin.token, json: { timezone: 'America/Sao_Paulo', language: 'pt-BR' } });
    const reply = await h.app.put('/organizations/me/settings', { token: admin.token, json: { business_hours: { mon: ['09:00', '18:00'] }, language: 'en' } });
    expect(reply.body.settings).toEqual({ timezone: 'America/Sao_Paulo', language: 'en', business_hours: { mon: ['09:00', '18:00'] } });
  });
});
