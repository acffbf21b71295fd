import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { pytakeHarness } from '../app-client.ts';
import { addNumber } from '../whatsapp/numbers-fixture.ts';
import { customerWaId, customerWrites, inboxOrg, silentConversation } from './inbox-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

describe('GET /conversations and /conversations/{id}', () => {
  it('lists the organization’s conversations filtered by status, agent, tag; each with its open window', async () => {
    const inbox = await inboxOrg(h);
    const agent = await h.seedUser(inbox.admin, 'agent');
    const [a, b] = [await customerWrites(h, inbox), await customerWrites(h, inbox)];
    const conversation = await h.app.get(`/conversations/${a}`, { token: agent.token });
    expect(conversation.body).toMatchObject({ id: a, status: 'open', whatsapp_number_id: inbox.number.id, tags: [] });
    expect(Date.parse(conversation.body.window_expires_at)).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(conversation.body).not.toHaveProperty('pk');

    expect((await h.app.put(`/conversations/${b}/tags`, { token: agent.token, json: { tags: ['vip', 'vip', 'suporte'] } })).body.tags).toEqual([
      'vip',
      'suporte',
    ]);
    expect((await h.app.post(`/conversations/${a}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } })).body).toMatchObject({
      status: 'active',
      current_agent_id: agent.id,
    });
    const ids = async (query: Record<string, string | number | boolean>, token = inbox.admin.token) =>
      (await h.app.get('/conversations', { token, query })).body.map((c: { id: string }) => c.id).sort();
    expect(await ids({})).toEqual([a, b].sort());
    expect(await ids({ status: 'active' })).toEqual([a]);
    expect(await ids({ assigned_to_me: true }, agent.token)).toEqual([a]);
    expect(await ids({ agent_id: agent.id })).toEqual([a]);
    expect(await ids({ tag: 'vip' })).toEqual([b]);
    expect(await ids({ limit: 1 })).toHaveLength(1);
    expect(await ids({ skip: 1, limit: 5 })).toHaveLength(1);
  });

  it('answers 422 for bad filters and ids', async () => {
    const { admin } = await inboxOrg(h);
    for (const query of [{ status: 'sleeping' }, { limit: 0 }, { limit: 101 }, { skip: -1 }, { queue_id: 'x' }]) {
      expect((await h.app.get('/conversations', { token: admin.token, query })).status).toBe(422);
    }
    expect((await h.app.get('/conversations/123', { token: admin.token })).status).toBe(422);
  });
});

describe('GET /conversations/{id}/messages', () => {
  it('lists messages oldest first with the original’s fields', async () => {
    const inbox = await inboxOrg(h);
    const id = await customerWrites(h, inbox, customerWaId(), 'Quero ajuda');
    await h.app.post(`/conversations/${id}/messages`, { token: inbox.admin.token, json: { message_type: 'text', content: { text: 'Claro' } } });
    const messages = (await h.app.get(`/conversations/${id}/messages`, { token: inbox.admin.token })).body;
    expect(messages.map((m: Record<string, unknown>) => [m.direction, m.sender_type, m.message_type, m.content])).toEqual([
      ['inbound', 'contact', 'text', { text: 'Quero ajuda' }],
      ['outbound', 'agent', 'text', { text: 'Claro' }],
    ]);
    for (const field of ['id', 'status', 'whatsapp_message_id', 'error_code', 'created_at']) expect(messages[1]).toHaveProperty(field);
    expect((await h.app.get(`/conversations/${id}/messages`, { token: inbox.admin.token, query: { skip: 1, limit: 1 } })).body).toHaveLength(1);
  });
});

describe('POST /conversations/{id}/read, /assign, /close', () => {
  it('marks read, refuses an agent of another organization or a viewer as assignee (404), closes, and the customer’s next message opens a new conversation', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const id = await customerWrites(h, inbox, waId);
    expect((await h.app.post(`/conversations/${id}/read`, { token: inbox.admin.token })).body.unread_count).toBe(0);
    const stranger = await h.registerOrg();
    const viewer = await h.seedUser(inbox.admin, 'viewer');
    for (const agentId of [stranger.id, viewer.id]) {
      expect((await h.app.post(`/conversations/${id}/assign`, { token: inbox.admin.token, json: { agent_id: agentId } })).status).toBe(404);
    }
    expect((await h.app.post(`/conversations/${id}/close`, { token: viewer.token })).status).toBe(403);
    const closed = await h.app.post(`/conversations/${id}/close`, { token: inbox.admin.token });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closed_at).toBeTruthy();
    expect(
      (await h.app.post(`/conversations/${id}/messages`, { token: inbox.admin.token, json: { message_type: 'text', content: { text: 'a' } } })).status,
    ).toBe(409);
    const next = await customerWrites(h, inbox, waId, 'Voltei');
    expect(next).not.toBe(id);
  });
});

describe('POST /conversations', () => {
  it('opens a conversation with the organization’s contact on its number (the open one when there is one)', async () => {
    const inbox = await inboxOrg(h);
    const id = await silentConversation(h, inbox);
    const conversation = (await h.app.get(`/conversations/${id}`, { token: inbox.admin.token })).body;
    const again = await h.app.post('/conversations', {
      token: inbox.admin.token,
      json: { contact_id: conversation.contact_id, whatsapp_number_id: inbox.number.id },
    });
    expect([again.status, again.body.id]).toEqual([201, id]);
  });

  it('answers 404 for another organization’s number or contact, creating nothing', async () => {
    const inbox = await inboxOrg(h);
    const other = await h.registerOrg();
    const otherNumber = await addNumber(h, other);
    const contact = await h.app.post('/contacts', { token: inbox.admin.token, json: { whatsapp_id: customerWaId() } });
    const otherContact = await h.app.post('/contacts', { token: other.token, json: { whatsapp_id: customerWaId() } });
    const before = await h.orgItems(inbox.admin.orgId);
    for (const json of [
      { contact_id: contact.body.id, whatsapp_number_id: otherNumber.id },
      { contact_id: otherContact.body.id, whatsapp_number_id: inbox.number.id },
    ]) {
      const reply = await h.app.post('/conversations', { token: inbox.admin.token, json });
      expect([reply.status, typeof reply.body.detail]).toEqual([404, 'string']);
    }
    expect(await h.orgItems(inbox.admin.orgId)).toEqual(before);
    expect((await h.app.post('/conversations', { token: inbox.admin.token, json: { contact_id: 'x' } })).status).toBe(422);
  });
});
