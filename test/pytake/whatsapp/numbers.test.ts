import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';
import { addNumber, numberInput } from './numbers-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

describe('POST /whatsapp', () => {
  it('registers a number for an admin, answering it without any credential', async () => {
    const admin = await h.registerOrg();
    const input = numberInput();
    const reply = await h.app.post('/whatsapp', { token: admin.token, json: input });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      organization_id: admin.orgId,
      phone_number: input.phone_number,
      phone_number_id: input.phone_number_id,
      whatsapp_business_account_id: input.whatsapp_business_account_id,
      connection_type: 'official',
      has_access_token: true,
      has_app_secret: true,
      has_webhook_verify_token: true,
      is_active: true,
      default_chatbot_id: null,
    });
    for (const secret of [input.access_token, input.app_secret, input.webhook_verify_token]) expect(reply.text).not.toContain(secret);
    expect(Object.keys(reply.body)).not.toContain('access_token');
  });

  it('keeps the access token and app secret encrypted at rest', async () => {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const stored =
      JSON.stringify(await h.table.partition(`ORG#${admin.orgId}`)) + JSON.stringify(await h.table.partition(`WAPHONE#${number.input.phone_number_id}`));
    expect(stored).toContain('"access_token_sealed":"v1.local.');
    for (const secret of [number.input.access_token, number.input.app_secret, number.input.webhook_verify_token]) expect(stored).not.toContain(secret);
  });

  it('answers 409 for a phone_number_id registered in any organization, and frees it on delete', async () => {
    const first = await h.registerOrg();
    const number = await addNumber(h, first);
    const second = await h.registerOrg();
    const taken = await h.app.post('/whatsapp', { token: second.token, json: numberInput({ phone_number_id: number.input.phone_number_id }) });
    expect([taken.status, taken.body.detail]).toEqual([409, 'Phone number already registered']);
    const again = await h.app.post('/whatsapp', { token: first.token, json: numberInput({ phone_number_id: number.input.phone_number_id }) });
    expect(again.status).toBe(409);
    expect((await h.app.delete(`/whatsapp/${number.id}`, { token: first.token })).status).toBe(204);
    expect((await h.app.post('/whatsapp', { token: second.token, json: numberInput({ phone_number_id: number.input.phone_number_id }) })).status).toBe(201);
  });

  it('refuses agents and viewers with 403', async () => {
    const admin = await h.registerOrg();
    for (const role of ['agent', 'viewer'] as const) {
      const member = await h.seedUser(admin, role);
      const reply = await h.app.post('/whatsapp', { token: member.token, json: numberInput() });
      expect(reply.status).toBe(403);
    }
    expect(await h.app.get('/whatsapp', { token: admin.token }).then((reply) => reply.body)).toEqual([]);
  });

  it('answers 422 for missing credentials, another connection type and malformed ids', async () => {
    const admin = await h.registerOrg();
    const { app_secret: _, ...withoutSecret } = numberInput();
    for (const json of [
      withoutSecret,
      numberInput({ connection_type: 'qrcode' as 'official' }),
      numberInput({ phone_number_id: 'abc' }),
      numberInput({ phone_number: '123' }),
    ]) {
      const reply = await h.app.post('/whatsapp', { token: admin.token, json });
      expect(reply.status).toBe(422);
      expect(Array.isArray(reply.body.detail)).toBe(true);
    }
    expect((await h.app.get('/whatsapp/not-a-uuid', { token: admin.token })).status).toBe(422);
  });

  it('answers 401 without a token', async () => {
    expect((await h.app.post('/whatsapp', { json: numberInput() })).status).toBe(401);
  });
});

describe('GET, PUT and DELETE /whatsapp/{number_id}', () => {
  it('lists, reads, changes (default chatbot included) and removes a number', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const a = await addNumber(h, admin);
    const b = await addNumber(h, admin);
    const list = await h.app.get('/whatsapp', { token: agent.token });
    expect(list.body.map((n: { id: string }) => n.id)).toEqual([a.id, b.id]);
    expect((await h.app.get(`/whatsapp/${a.id}`, { token: agent.token })).body.phone_number_id).toBe(a.input.phone_number_id);

    const chatbot = '7d1f5a3e-2b7c-4c1e-9a55-0f3a2b1c4d5e';
    const put = await h.app.put(`/whatsapp/${a.id}`, {
      token: admin.token,
      json: { display_name: 'Suporte', default_chatbot_id: chatbot, away_message: 'Volto já', is_active: false, app_secret: 'new-secret' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ display_name: 'Suporte', default_chatbot_id: chatbot, away_message: 'Volto já', is_active: false });
    expect(put.text).not.toContain('new-secret');
    expect((await h.app.get(`/whatsapp/${a.id}`, { token: admin.token })).body.default_chatbot_id).toBe(chatbot);
    expect((await h.app.put(`/whatsapp/${a.id}`, { token: agent.token, json: { display_name: 'x' } })).status).toBe(403);
    expect((await h.app.put(`/whatsapp/${a.id}`, { token: admin.token, json: { default_chatbot_id: 'nope' } })).status).toBe(422);

    expect((await h.app.delete(`/whatsapp/${a.id}`, { token: agent.token })).status).toBe(403);
    expect((await h.app.delete(`/whatsapp/${a.id}`, { token: admin.token })).status).toBe(204);
    expect((await h.app.get(`/whatsapp/${a.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.delete(`/whatsapp/${a.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.get('/whatsapp', { token: admin.token })).body.map((n: { id: string }) => n.id)).toEqual([b.id]);
  });
});
