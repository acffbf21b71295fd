/** Contacts and tags through the gateway: CRUD, search and filters, paging, block, VIP, opt-out, custom fields, tags, stats. */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { inboundValue, webhookBody } from '../../../infra/local/fakes/meta-webhooks.ts';
import { eventually, type Member, pytakeHarness } from '../app-client.ts';
import { addNumber, postSigned } from '../whatsapp/numbers-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

let phone = 5511900000000;
const newPhone = () => String(++phone + Math.floor(Math.random() * 1e6) * 100);
const addContact = async (member: Member, fields: Record<string, unknown> = {}) => {
  const reply = await h.app.post('/contacts', { token: member.token, json: { whatsapp_id: newPhone(), ...fields } });
  if (reply.status !== 201) throw new Error(`POST /contacts answered ${reply.status}: ${reply.text}`);
  return reply.body;
};

describe('POST /contacts', () => {
  it('creates a contact with the WhatsApp id as digits', async () => {
    const admin = await h.registerOrg();
    const reply = await h.app.post('/contacts', {
      token: admin.token,
      json: { whatsapp_id: '+55 (11) 98765-4321', name: 'Maria', email: 'maria@example.com', attributes: { plano: 'ouro', pontos: 10 } },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      whatsapp_id: '5511987654321',
      name: 'Maria',
      organization_id: admin.orgId,
      attributes: { plano: 'ouro', pontos: 10 },
      opt_in: true,
      is_blocked: false,
      is_vip: false,
      tags: [],
      source: 'manual',
    });
  });

  it('refuses a WhatsApp id the organization already has with 409; another organization may have it', async () => {
    const [admin, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const first = await addContact(admin);
    const again = await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: first.whatsapp_id } });
    expect([again.status, again.body.detail]).toEqual([409, `Contact with WhatsApp ID ${first.whatsapp_id} already exists`]);
    expect((await h.app.post('/contacts', { token: other.token, json: { whatsapp_id: first.whatsapp_id } })).status).toBe(201);
  });

  it('refuses a short WhatsApp id, a bad custom field and an assignee from another organization with 422', async () => {
    const [admin, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const short = await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: '12345' } });
    expect(short.status).toBe(422);
    expect(short.body.detail[0]).toMatchObject({ loc: ['body', 'whatsapp_id'], msg: 'Value error, WhatsApp ID must have at least 10 digits' });
    expect((await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: newPhone(), attributes: { a: { nested: true } } } })).status).toBe(422);
    const foreign = await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: newPhone(), assigned_agent_id: other.id } });
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail[0].loc).toEqual(['body', 'assigned_agent_id']);
  });

  it('is refused to a viewer with 403', async () => {
    const admin = await h.registerOrg();
    const viewer = await h.seedUser(admin, 'viewer');
    expect((await h.app.post('/contacts', { token: viewer.token, json: { whatsapp_id: newPhone() } })).status).toBe(403);
  });
});

describe('GET /contacts', () => {
  it('lists the organization’s contacts newest first, paged with skip/limit', async () => {
    const [admin, other] = await Promise.all([h.registerOrg(), h.registerOrg()]);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await addContact(admin, { name: `Contato ${i}` }));
    await addContact(other);
    const all = await h.app.get('/contacts', { token: admin.token });
    expect(all.body.map((c: { id: string }) => c.id)).toEqual(created.map((c) => c.id).reverse());
    const page = await h.app.get('/contacts', { token: admin.token, query: { skip: 1, limit: 2 } });
    expect(page.body.map((c: { name: string }) => c.name)).toEqual(['Contato 3', 'Contato 2']);
  });

  it('searches name, e-mail, WhatsApp id and company without regard to case, and filters', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const ana = await addContact(admin, { name: 'Ana Souza', company: 'Padaria Central' });
    const bia = await addContact(admin, { name: 'Bia', email: 'BIA@exemplo.com', is_vip: true, assigned_agent_id: agent.id });
    const caio = await addContact(admin, { name: 'Caio' });
    await h.app.post(`/contacts/${caio.id}/block`, { token: admin.token });
    const ids = async (query: Record<string, string>) => (await h.app.get('/contacts', { token: admin.token, query })).body.map((c: { id: string }) => c.id);
    expect(await ids({ query: 'padaria' })).toEqual([ana.id]);
    expect(await ids({ query: 'bia@EXEMPLO' })).toEqual([bia.id]);
    expect(await ids({ query: ana.whatsapp_id.slice(-6) })).toEqual([ana.id]);
    expect(await ids({ is_vip: 'true' })).toEqual([bia.id]);
    expect(await ids({ is_blocked: 'true' })).toEqual([caio.id]);
    expect(await ids({ assigned_agent_id: agent.id })).toEqual([bia.id]);
    expect((await h.app.get('/contacts', { token: admin.token, query: { is_vip: 'maybe' } })).status).toBe(422);
  });
});

describe('one contact', () => {
  it('reads, updates (opt-out dated, custom fields replaced) and deletes it; its WhatsApp id is then free', async () => {
    const admin = await h.registerOrg();
    const viewer = await h.seedUser(admin, 'viewer');
    const contact = await addContact(admin, { attributes: { cor: 'azul' } });
    expect((await h.app.get(`/contacts/${contact.id}`, { token: viewer.token })).body.id).toBe(contact.id);
    const updated = await h.app.put(`/contacts/${contact.id}`, {
      token: admin.token,
      json: { name: 'Novo Nome', opt_in: false, attributes: { cor: 'verde' } },
    });
    expect(updated.body).toMatchObject({ name: 'Novo Nome', opt_in: false, attributes: { cor: 'verde' } });
    expect(updated.body.opt_out_date).toEqual(expect.any(String));
    expect((await h.app.put(`/contacts/${contact.id}`, { token: viewer.token, json: { name: 'X' } })).status).toBe(403);
    expect((await h.app.delete(`/contacts/${contact.id}`, { token: admin.token })).status).toBe(204);
    expect((await h.app.get(`/contacts/${contact.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.delete(`/contacts/${contact.id}`, { token: admin.token })).status).toBe(404);
    expect((await h.app.get('/contacts', { token: admin.token })).body).toEqual([]);
    expect((await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: contact.whatsapp_id } })).status).toBe(201);
  });

  it('blocks with a reason, unblocks, marks and unmarks VIP', async () => {
    const admin = await h.registerOrg();
    const agent = await h.seedUser(admin, 'agent');
    const contact = await addContact(admin);
    const blocked = await h.app.post(`/contacts/${contact.id}/block`, { token: agent.token, query: { reason: 'spam' } });
    expect(blocked.body).toMatchObject({ is_blocked: true, blocked_reason: 'spam' });
    expect(blocked.body.blocked_at).toEqual(expect.any(String));
    const unblocked = await h.app.post(`/contacts/${contact.id}/unblock`, { token: agent.token });
    expect(unblocked.body).toMatchObject({ is_blocked: false, blocked_reason: null, blocked_at: null });
    expect((await h.app.post(`/contacts/${contact.id}/vip`, { token: agent.token })).body.is_vip).toBe(true);
    expect((await h.app.delete(`/contacts/${contact.id}/vip`, { token: agent.token })).body.is_vip).toBe(false);
  });

  it('answers 404 for an unknown contact and 422 for a malformed id', async () => {
    const admin = await h.registerOrg();
    expect((await h.app.get(`/contacts/${crypto.randomUUID()}`, { token: admin.token })).body.detail).toBe('Contact not found');
    expect((await h.app.post(`/contacts/${crypto.randomUUID()}/vip`, { token: admin.token })).status).toBe(404);
    expect((await h.app.get('/contacts/123', { token: admin.token })).status).toBe(422);
  });

  it('GET /contacts/{id}/stats answers its activity counters', async () => {
    const admin = await h.registerOrg();
    const contact = await addContact(admin);
    const reply = await h.app.get(`/contacts/${contact.id}/stats`, { token: admin.token });
    expect(reply.body).toEqual({
      total_conversations: 0,
      total_messages_sent: 0,
      total_messages_received: 0,
      avg_response_time_seconds: null,
      last_interaction: null,
    });
  });
});

describe('tags', () => {
  it('creates, lists, renames and deletes tags; names are unique whatever their case', async () => {
    const admin = await h.registerOrg();
    const created = await h.app.post('/contacts/tags', { token: admin.token, json: { name: 'Clientes', color: '#FF0000' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Clientes', color: '#FF0000', organization_id: admin.orgId });
    expect((await h.app.post('/contacts/tags', { token: admin.token, json: { name: 'clientes' } })).status).toBe(409);
    expect((await h.app.post('/contacts/tags', { token: admin.token, json: { name: 'Ok', color: 'red' } })).status).toBe(422);
    const renamed = await h.app.put(`/contacts/tags/${created.body.id}`, { token: admin.token, json: { name: 'Compradores' } });
    expect(renamed.body).toMatchObject({ name: 'Compradores', color: '#FF0000' });
    // The old name is free again; the new one is taken.
    expect((await h.app.post('/contacts/tags', { token: admin.token, json: { name: 'Clientes' } })).status).toBe(201);
    expect((await h.app.post('/contacts/tags', { token: admin.token, json: { name: 'COMPRADORES' } })).status).toBe(409);
    const list = await h.app.get('/contacts/tags', { token: admin.token });
    expect(list.body.map((t: { name: string }) => t.name)).toEqual(['Clientes', 'Compradores']);
    expect((await h.app.get(`/contacts/tags/${created.body.id}`, { token: admin.token })).body.name).toBe('Compradores');
    expect((await h.app.delete(`/contacts/tags/${created.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await h.app.get(`/contacts/tags/${created.body.id}`, { token: admin.token })).status).toBe(404);
  });

  it('replaces a contact’s tags by name (creating them), adds and removes by id, filters contacts by tag', async () => {
    const admin = await h.registerOrg();
    const [contact, other] = [await addContact(admin), await addContact(admin)];
    const replaced = await h.app.put(`/contacts/${contact.id}/tags`, { token: admin.token, json: ['VIP', 'Atacado'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.tags).toEqual(['VIP', 'Atacado']);
    const tags = (await h.app.get('/contacts/tags', { token: admin.token })).body as { id: string; name: string }[];
    const atacado = tags.find((t) => t.name === 'Atacado')!;
    const vip = tags.find((t) => t.name === 'VIP')!;
    const added = await h.app.post(`/contacts/${other.id}/tags`, { token: admin.token, json: [atacado.id] });
    expect(added.body.tags).toEqual(['Atacado']);
    const filtered = await h.app.get('/contacts', { token: admin.token, query: { tag_id: atacado.id } });
    expect(filtered.body.map((c: { id: string }) => c.id).sort()).toEqual([contact.id, other.id].sort());
    const removed = await h.app.request('DELETE', `/contacts/${contact.id}/tags`, { token: admin.token, json: [atacado.id] });
    expect(removed.body.tags).toEqual(['VIP']);
    expect((await h.app.post(`/contacts/${contact.id}/tags`, { token: admin.token, json: [crypto.randomUUID()] })).status).toBe(404);
    // A deleted tag is no longer named on contacts.
    await h.app.delete(`/contacts/tags/${vip.id}`, { token: admin.token });
    expect((await h.app.get(`/contacts/${contact.id}`, { token: admin.token })).body.tags).toEqual([]);
  });
});

describe('contacts made by inbound messages', () => {
  it('are listed, searchable and editable like the others', async () => {
    const admin = await h.registerOrg();
    const number = await addNumber(h, admin);
    const from = newPhone();
    const body = webhookBody({ phoneNumberId: number.input.phone_number_id }, inboundValue({ from, name: 'Cliente do WhatsApp' }));
    expect((await postSigned(runtime.url, body, number.input.app_secret)).status).toBe(200);
    const [listed] = await eventually(
      async () => {
        const reply = await h.app.get('/contacts', { token: admin.token, query: { query: 'cliente do whats' } });
        // The contact is written before the message that counts on it.
        return reply.body[0]?.total_messages_received === 1 ? reply.body : undefined;
      },
      { timeoutMs: 45_000, what: 'the inbound contact listed' },
    );
    expect(listed).toMatchObject({ whatsapp_id: from, whatsapp_name: 'Cliente do WhatsApp', source: 'whatsapp', total_messages_received: 1 });
    const edited = await h.app.put(`/contacts/${listed.id}`, { token: admin.token, json: { name: 'Carla', is_vip: true } });
    expect(edited.body).toMatchObject({ name: 'Carla', is_vip: true, whatsapp_id: from });
    expect((await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: from } })).status).toBe(409);
  }, 60_000);
});

describe('GET /contacts/stats', () => {
  it('counts the organization’s contacts', async () => {
    const admin = await h.registerOrg();
    await addContact(admin, { is_vip: true });
    const blocked = await addContact(admin);
    await h.app.post(`/contacts/${blocked.id}/block`, { token: admin.token });
    const optedOut = await addContact(admin);
    await h.app.put(`/contacts/${optedOut.id}`, { token: admin.token, json: { opt_in: false } });
    const reply = await h.app.get('/contacts/stats', { token: admin.token });
    expect(reply.body).toEqual({
      total_contacts: 3,
      active_contacts: 1,
      blocked_contacts: 1,
      vip_contacts: 1,
      opted_out_contacts: 1,
      new_this_week: 3,
      new_this_month: 3,
    });
  });
});
