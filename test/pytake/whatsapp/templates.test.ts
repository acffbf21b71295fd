import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';
import { addNumber } from './numbers-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

const template = (name: string) => ({
  name,
  language: 'pt_BR',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
    { type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} saiu para entrega.' },
    { type: 'FOOTER', text: 'Loja' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Ok' }] },
  ],
});

describe('POST /whatsapp/{number_id}/templates', () => {
  it('creates a draft locally, or submits it to Meta (the default), reading its content from the components', async () => {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const draft = await h.app.post(`/whatsapp/${number.id}/templates`, { token: admin.token, json: template('pedido_enviado'), query: { submit: false } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      whatsapp_number_id: number.id,
      status: 'DRAFT',
      meta_template_id: null,
      header_type: 'TEXT',
      header_text: 'Pedido {{1}}',
      header_variables_count: 1,
      body_variables_count: 2,
      footer_text: 'Loja',
      buttons: [{ type: 'QUICK_REPLY', text: 'Ok' }],
    });
    const submitted = await h.app.post(`/whatsapp/${number.id}/templates`, { token: admin.token, json: template('boas_vindas') });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('PENDING');
    expect(submitted.body.meta_template_id).toMatch(/^\d+$/);
    expect((await h.app.post(`/whatsapp/${number.id}/templates`, { token: admin.token, json: template('boas_vindas') })).status).toBe(409);

    const all = await h.app.get(`/whatsapp/${number.id}/templates/local`, { token: admin.token });
    expect(all.body.map((t: { name: string }) => t.name)).toEqual(['pedido_enviado', 'boas_vindas']);
    const pending = await h.app.get(`/whatsapp/${number.id}/templates/local`, { token: admin.token, query: { status: 'PENDING' } });
    expect(pending.body.map((t: { name: string }) => t.name)).toEqual(['boas_vindas']);
  });

  it('refuses agents (403) and bad templates (422)', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const number = await addNumber(h, admin);
    expect((await h.app.post(`/whatsapp/${number.id}/templates`, { token: agent.token, json: template('x') })).status).toBe(403);
    expect((await h.app.get(`/whatsapp/${number.id}/templates/local`, { token: agent.token })).status).toBe(200);
    for (const json of [template('Has Spaces'), { ...template('ok'), category: 'SPAM' }, { ...template('ok'), components: [{ type: 'FOOTER', text: 'x' }] }]) {
      expect((await h.app.post(`/whatsapp/${number.id}/templates`, { token: admin.token, json })).status).toBe(422);
    }
  });
});

describe('POST /whatsapp/{number_id}/templates/sync', () => {
  it('creates, updates and deletes stored templates to match the business account on Meta', async () => {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const waba = number.input.whatsapp_business_account_id;
    const graph = runtime.fakes.metaGraph;
    const approved = {
      id: '1001',
      name: 'promo',
      language: 'pt_BR',
      category: 'MARKETING',
      status: 'APPROVED',
      components: [{ type: 'BODY', text: 'Promo {{1}}' }],
    };
    const rejected = {
      id: '1002',
      name: 'aviso',
      language: 'en_US',
      category: 'UTILITY',
      status: 'REJECTED',
      rejected_reason: 'INVALID_FORMAT',
      components: [{ type: 'BODY', text: 'Hi' }],
    };
    graph.setTemplates(waba, [approved, rejected]);

    const first = await h.app.post(`/whatsapp/${number.id}/templates/sync`, { token: admin.token });
    expect(first.body).toEqual({ synced: 2, created: 2, updated: 0, deleted: 0, errors: [] });
    const stored = (await h.app.get(`/whatsapp/${number.id}/templates/local`, { token: admin.token })).body;
    expect(stored.find((t: { name: string }) => t.name === 'promo')).toMatchObject({
      meta_template_id: '1001',
      status: 'APPROVED',
      body_text: 'Promo {{1}}',
      body_variables_count: 1,
    });
    expect(stored.find((t: { name: string }) => t.name === 'aviso')).toMatchObject({ status: 'REJECTED', rejected_reason: 'INVALID_FORMAT' });

    expect((await h.app.post(`/whatsapp/${number.id}/templates/sync`, { token: admin.token })).body).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    graph.setTemplates(waba, [{ ...approved, status: 'PAUSED' }]);
    expect((await h.app.post(`/whatsapp/${number.id}/templates/sync`, { token: admin.token })).body).toMatchObject({ created: 0, updated: 1, deleted: 1 });
  });

  it('answers 409 with what Meta said when Graph refuses the number’s token', async () => {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    runtime.fakes.metaGraph.registerNumber({
      phoneNumberId: number.input.phone_number_id,
      wabaId: number.input.whatsapp_business_account_id,
      accessToken: 'rotated-elsewhere',
      appSecret: number.input.app_secret,
    });
    const reply = await h.app.post(`/whatsapp/${number.id}/templates/sync`, { token: admin.token });
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toMatch(/^Meta API error: Invalid OAuth access token/);
    expect(reply.text).not.toContain(number.input.access_token);
  });
});
