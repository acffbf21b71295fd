/**
 * The PyTake authorization matrix: every route and queue consumer whose
 * declaration names object ids (`objectIds`) has a row here, keyed by its
 * function id (`<feature folder>-<handler file>-<trigger>`). Each row runs the
 * entry as a user of the object's organization (allowed) and as a user of
 * another organization holding the object's id (404 in the FastAPI format,
 * nothing of the owner's organization changed). An entry with ids and no row
 * fails the first test, by name.
 *
 * One section per feature; each feature adds its rows to its own section.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import pytake from '../../functions/pytake/service.ts';
import { addresses } from '../../infra/local/addresses.ts';
import { functionsOf, type ObjectId, type ServiceFunction } from '../../shared/manifest.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { eventually, type Member, pytakeHarness, type RequestOptions } from './app-client.ts';
import { customerWrites, inboxOrg } from './inbox/inbox-fixture.ts';
import { addNumber, type TestNumber } from './whatsapp/numbers-fixture.ts';
import { LiveSocket } from './live/live-socket.ts';

interface MatrixRow {
  /** Who may act on the entry's objects, in the product's terms. */
  rule: string;
  /** Runs the entry as a user of the object's organization: allowed. */
  owner(): Promise<void>;
  /** Runs it as a user of another organization: 404, nothing changed. */
  other(): Promise<void>;
}

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

/**
 * The request, made by a user of another organization with the victim organization's ids: 404 in
 * the FastAPI format (`{detail}`), and the victim organization's items exactly as before.
 */
async function refusedToOtherOrg(victim: Member, request: (stranger: Member) => { method: string; path: string } & RequestOptions): Promise<void> {
  const stranger = await h.registerOrg();
  const before = await h.orgItems(victim.orgId);
  const { method, path, ...options } = request(stranger);
  const reply = await h.app.request(method, path, { token: stranger.token, ...options });
  expect([reply.status, typeof reply.body?.detail]).toEqual([404, 'string']);
  expect(await h.orgItems(victim.orgId)).toEqual(before);
}

// ---- users and organizations ----

/** An admin's organization with an agent who has a skill: the objects the rows act on. */
async function orgWithAgent() {
  const admin = await h.registerOrg();
  const agent = await h.seedUser(admin, 'agent');
  const skill = await h.app.post(`/users/${agent.id}/skills`, { token: admin.token, json: { skill_name: 'Vendas', proficiency_level: 3 } });
  return { admin, agent, skillId: skill.body.id as string };
}

/** A row for a route on one user (and skill) of the organization: the org's admin gets `status`, another org's admin 404. */
function userRow(
  rule: string,
  status: number,
  request: (o: Awaited<ReturnType<typeof orgWithAgent>>) => { method: string; path: string } & RequestOptions,
): MatrixRow {
  return {
    rule,
    async owner() {
      const o = await orgWithAgent();
      const { method, path, ...options } = request(o);
      expect((await h.app.request(method, path, { token: o.admin.token, ...options })).status).toBe(status);
    },
    async other() {
      const o = await orgWithAgent();
      await refusedToOtherOrg(o.admin, () => request(o));
    },
  };
}

const users: Record<string, MatrixRow> = {
  'users-get-user': userRow('a user is read only within its organization', 200, (o) => ({ method: 'GET', path: `/users/${o.agent.id}` })),
  'users-update-user': userRow('a user is changed only by an admin of its organization', 200, (o) => ({
    method: 'PUT',
    path: `/users/${o.agent.id}`,
    json: { full_name: 'Changed Name', role: 'viewer' },
  })),
  'users-activate-user': userRow('a user is activated only by an admin of its organization', 200, (o) => ({
    method: 'POST',
    path: `/users/${o.agent.id}/activate`,
  })),
  'users-deactivate-user': userRow('a user is deactivated only by an admin of its organization', 200, (o) => ({
    method: 'POST',
    path: `/users/${o.agent.id}/deactivate`,
  })),
  'users-delete-user': userRow('a user is deleted only by an admin of its organization', 204, (o) => ({ method: 'DELETE', path: `/users/${o.agent.id}` })),
  'users-list-skills': userRow('a user’s skills are read only within its organization', 200, (o) => ({ method: 'GET', path: `/users/${o.agent.id}/skills` })),
  'users-add-skill': userRow('skills are added only by an admin of the user’s organization', 201, (o) => ({
    method: 'POST',
    path: `/users/${o.agent.id}/skills`,
    json: { skill_name: 'Suporte' },
  })),
  'users-replace-skills': userRow('skills are replaced only by an admin of the user’s organization', 200, (o) => ({
    method: 'PUT',
    path: `/users/${o.agent.id}/skills`,
    json: [],
  })),
  'users-update-skill': userRow('a skill is changed only by an admin of its organization', 200, (o) => ({
    method: 'PUT',
    path: `/users/${o.agent.id}/skills/${o.skillId}`,
    json: { proficiency_level: 5 },
  })),
  'users-delete-skill': userRow('a skill is removed only by an admin of its organization', 204, (o) => ({
    method: 'DELETE',
    path: `/users/${o.agent.id}/skills/${o.skillId}`,
  })),
};

// ---- contacts and tags ----

/** An admin's organization with a tagged contact: the objects the rows act on. */
async function orgWithContact() {
  const admin = await h.registerOrg();
  const whatsappId = String(5511900000000 + Math.floor(Math.random() * 1e8));
  const contact = await h.app.post('/contacts', { token: admin.token, json: { whatsapp_id: whatsappId, name: 'Cliente' } });
  const tagged = await h.app.put(`/contacts/${contact.body.id}/tags`, { token: admin.token, json: ['Clientes'] });
  const tags = await h.app.get('/contacts/tags', { token: admin.token });
  expect(tagged.body.tags).toEqual(['Clientes']);
  return { admin, contactId: contact.body.id as string, tagId: tags.body[0].id as string };
}

/** A row for a route on one contact (or tag) of the organization: its admin gets `status`, another org's admin 404. */
function contactRow(
  rule: string,
  status: number,
  request: (o: Awaited<ReturnType<typeof orgWithContact>>) => { method: string; path: string } & RequestOptions,
): MatrixRow {
  return {
    rule,
    async owner() {
      const o = await orgWithContact();
      const { method, path, ...options } = request(o);
      expect((await h.app.request(method, path, { token: o.admin.token, ...options })).status).toBe(status);
    },
    async other() {
      const o = await orgWithContact();
      await refusedToOtherOrg(o.admin, () => request(o));
    },
  };
}

const contacts: Record<string, MatrixRow> = {
  'contacts-get-contact': contactRow('a contact is read only within its organization', 200, (o) => ({ method: 'GET', path: `/contacts/${o.contactId}` })),
  'contacts-contact-stats': contactRow('a contact’s activity is read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/contacts/${o.contactId}/stats`,
  })),
  'contacts-update-contact': contactRow('a contact is changed only within its organization', 200, (o) => ({
    method: 'PUT',
    path: `/contacts/${o.contactId}`,
    json: { name: 'Changed', opt_in: false },
  })),
  'contacts-delete-contact': contactRow('a contact is deleted only within its organization', 204, (o) => ({
    method: 'DELETE',
    path: `/contacts/${o.contactId}`,
  })),
  'contacts-block-contact': contactRow('a contact is blocked only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/contacts/${o.contactId}/block`,
  })),
  'contacts-unblock-contact': contactRow('a contact is unblocked only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/contacts/${o.contactId}/unblock`,
  })),
  'contacts-mark-vip': contactRow('a contact is made VIP only within its organization', 200, (o) => ({ method: 'POST', path: `/contacts/${o.contactId}/vip` })),
  'contacts-unmark-vip': contactRow('a contact’s VIP mark is removed only within its organization', 200, (o) => ({
    method: 'DELETE',
    path: `/contacts/${o.contactId}/vip`,
  })),
  'contacts-replace-contact-tags': contactRow('a contact’s tags are replaced only within its organization', 200, (o) => ({
    method: 'PUT',
    path: `/contacts/${o.contactId}/tags`,
    json: ['Outra'],
  })),
  'contacts-add-contact-tags': {
    rule: 'only the organization’s tags are added, only to its contacts',
    async owner() {
      const o = await orgWithContact();
      expect((await h.app.post(`/contacts/${o.contactId}/tags`, { token: o.admin.token, json: [o.tagId] })).status).toBe(200);
    },
    async other() {
      const o = await orgWithContact();
      // Another organization's contact, with that organization's own tag: 404.
      await refusedToOtherOrg(o.admin, () => ({ method: 'POST', path: `/contacts/${o.contactId}/tags`, json: [o.tagId] }));
      // The victim organization's tag on the caller's own contact: 404 too, and the contact keeps its tags.
      const mine = await orgWithContact();
      const reply = await h.app.post(`/contacts/${mine.contactId}/tags`, { token: mine.admin.token, json: [o.tagId] });
      expect(reply.status).toBe(404);
      expect((await h.app.get(`/contacts/${mine.contactId}`, { token: mine.admin.token })).body.tags).toEqual(['Clientes']);
    },
  },
  'contacts-remove-contact-tags': contactRow('a contact’s tags are removed only within its organization', 200, (o) => ({
    method: 'DELETE',
    path: `/contacts/${o.contactId}/tags`,
    json: [o.tagId],
  })),
  'contacts-get-tag': contactRow('a tag is read only within its organization', 200, (o) => ({ method: 'GET', path: `/contacts/tags/${o.tagId}` })),
  'contacts-update-tag': contactRow('a tag is changed only within its organization', 200, (o) => ({
    method: 'PUT',
    path: `/contacts/tags/${o.tagId}`,
    json: { name: 'Renamed' },
  })),
  'contacts-delete-tag': contactRow('a tag is deleted only within its organization', 204, (o) => ({ method: 'DELETE', path: `/contacts/tags/${o.tagId}` })),
};

// ---- whatsapp numbers, templates and the Meta webhook (rows of functions/pytake/whatsapp and functions/pytake/webhooks) ----

/** A row for a route on one WhatsApp number of the organization: its admin gets `status`, another org's admin 404. */
function numberRow(
  rule: string,
  status: number,
  request: (o: { admin: Member; number: TestNumber }) => { method: string; path: string } & RequestOptions,
): MatrixRow {
  const orgWithNumber = async () => {
    const admin = await h.registerOrg();
    return { admin, number: await addNumber(h, admin) };
  };
  return {
    rule,
    async owner() {
      const o = await orgWithNumber();
      const { method, path, ...options } = request(o);
      expect((await h.app.request(method, path, { token: o.admin.token, ...options })).status).toBe(status);
    },
    async other() {
      const o = await orgWithNumber();
      await refusedToOtherOrg(o.admin, () => request(o));
    },
  };
}

const whatsapp: Record<string, MatrixRow> = {
  'whatsapp-get-number': numberRow('a number is read only within its organization', 200, (o) => ({ method: 'GET', path: `/whatsapp/${o.number.id}` })),
  'whatsapp-update-number': numberRow('a number is changed only by an admin of its organization', 200, (o) => ({
    method: 'PUT',
    path: `/whatsapp/${o.number.id}`,
    json: { display_name: 'Changed', app_secret: 'another-secret', default_chatbot_id: '7d1f5a3e-2b7c-4c1e-9a55-0f3a2b1c4d5e' },
  })),
  'whatsapp-delete-number': numberRow('a number is removed only by an admin of its organization', 204, (o) => ({
    method: 'DELETE',
    path: `/whatsapp/${o.number.id}`,
  })),
  'whatsapp-list-templates': numberRow('a number’s templates are read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/whatsapp/${o.number.id}/templates/local`,
  })),
  'whatsapp-create-template': numberRow('templates are created only by an admin of the number’s organization', 201, (o) => ({
    method: 'POST',
    path: `/whatsapp/${o.number.id}/templates`,
    query: { submit: false },
    json: { name: 'aviso', category: 'UTILITY', components: [{ type: 'BODY', text: 'Olá' }] },
  })),
  'whatsapp-sync-templates': numberRow('templates are synced only by an admin of the number’s organization', 200, (o) => ({
    method: 'POST',
    path: `/whatsapp/${o.number.id}/templates/sync`,
  })),
};

// ---- inbox: conversations, departments and queues (rows of functions/pytake/inbox, functions/pytake/departments, functions/pytake/queues) ----

/** An organization with a conversation its customer opened (window open), a department and a queue in it. */
async function orgWithConversation() {
  const inbox = await inboxOrg(h);
  const conversationId = await customerWrites(h, inbox);
  const department = await h.app.post('/departments', { token: inbox.admin.token, json: { name: 'Suporte' } });
  const queue = await h.app.post('/queues', { token: inbox.admin.token, json: { department_id: department.body.id, name: 'Fila', slug: 'fila' } });
  const conversation = await h.app.get(`/conversations/${conversationId}`, { token: inbox.admin.token });
  return {
    admin: inbox.admin,
    conversationId,
    contactId: conversation.body.contact_id as string,
    numberId: inbox.number.id,
    departmentId: department.body.id as string,
    queueId: queue.body.id as string,
  };
}

/** A row for a route on the organization's conversation, department or queue: its admin gets `status`, another org's admin 404. */
function inboxRow(
  rule: string,
  status: number,
  request: (o: Awaited<ReturnType<typeof orgWithConversation>>) => { method: string; path: string } & RequestOptions,
): MatrixRow {
  return {
    rule,
    async owner() {
      const o = await orgWithConversation();
      const { method, path, ...options } = request(o);
      expect((await h.app.request(method, path, { token: o.admin.token, ...options })).status).toBe(status);
    },
    async other() {
      const o = await orgWithConversation();
      await refusedToOtherOrg(o.admin, () => request(o));
    },
  };
}

const inboxRows: Record<string, MatrixRow> = {
  'inbox-get-conversation': inboxRow('a conversation is read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/conversations/${o.conversationId}`,
  })),
  'inbox-update-conversation-tags': inboxRow('a conversation’s tags are changed only within its organization', 200, (o) => ({
    method: 'PUT',
    path: `/conversations/${o.conversationId}/tags`,
    json: { tags: ['vip'] },
  })),
  'inbox-list-messages': inboxRow('a conversation’s messages are read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/conversations/${o.conversationId}/messages`,
  })),
  'inbox-send-message': inboxRow('messages are sent only in a conversation of the organization', 201, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/messages`,
    json: { message_type: 'text', content: { text: 'Olá' } },
  })),
  'inbox-mark-read': inboxRow('a conversation is marked read only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/read`,
  })),
  'inbox-assign-conversation': inboxRow('a conversation is assigned only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/assign`,
    json: { agent_id: o.admin.id },
  })),
  'inbox-transfer-conversation': inboxRow('a conversation is transferred only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/transfer`,
    json: { department_id: o.departmentId, queue_id: o.queueId },
  })),
  'inbox-close-conversation': inboxRow('a conversation is closed only within its organization', 200, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/close`,
  })),
  'departments-get-department': inboxRow('a department is read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/departments/${o.departmentId}`,
  })),
  'departments-update-department': inboxRow('a department is changed only by an admin of its organization', 200, (o) => ({
    method: 'PUT',
    path: `/departments/${o.departmentId}`,
    json: { name: 'Vendas' },
  })),
  'departments-delete-department': inboxRow('a department is removed only by an admin of its organization', 204, (o) => ({
    method: 'DELETE',
    path: `/departments/${o.departmentId}`,
  })),
  'queues-get-queue': inboxRow('a queue is read only within its organization', 200, (o) => ({ method: 'GET', path: `/queues/${o.queueId}` })),
  'queues-update-queue': inboxRow('a queue is changed only by an admin of its organization', 200, (o) => ({
    method: 'PUT',
    path: `/queues/${o.queueId}`,
    json: { priority: 90 },
  })),
  'inbox-create-conversation': inboxRow('a conversation is started only with a contact and a number of the organization', 201, (o) => ({
    method: 'POST',
    path: '/conversations',
    json: { contact_id: o.contactId, whatsapp_number_id: o.numberId },
  })),
  'queues-pull': {
    rule: 'an agent pulls only from a queue of her organization',
    async owner() {
      const o = await orgWithConversation();
      await h.app.post(`/conversations/${o.conversationId}/transfer`, { token: o.admin.token, json: { department_id: o.departmentId, queue_id: o.queueId } });
      const reply = await h.app.post('/queue/pull', { token: o.admin.token, query: { queue_id: o.queueId, department_id: o.departmentId } });
      expect([reply.status, reply.body.id]).toEqual([200, o.conversationId]);
    },
    async other() {
      const o = await orgWithConversation();
      await h.app.post(`/conversations/${o.conversationId}/transfer`, { token: o.admin.token, json: { department_id: o.departmentId, queue_id: o.queueId } });
      await refusedToOtherOrg(o.admin, () => ({ method: 'POST', path: '/queue/pull', query: { queue_id: o.queueId, department_id: o.departmentId } }));
    },
  },
  'queues-delete-queue': inboxRow('a queue is removed only by an admin of its organization', 204, (o) => ({ method: 'DELETE', path: `/queues/${o.queueId}` })),
};

// ---- live events: WebSocket actions (rows of functions/pytake/live) ----

/** A connection of the member to the live API; the row closes it. */
const liveSocket = (member: Member) => LiveSocket.open(`${runtime.url.replace(/^http/, 'ws')}/pytake/ws`, { authorization: `Bearer ${member.token}` });
const roomItems = async (orgId: string) => (await h.table.partition(`LIVE#${orgId}`)).filter((item) => String(item.sk).startsWith('ROOM#'));

/** Runs `act` on fresh sockets and closes them whatever happens. */
async function withSockets(members: Member[], act: (sockets: LiveSocket[]) => Promise<void>): Promise<void> {
  const sockets = await Promise.all(members.map(liveSocket));
  try {
    await act(sockets);
  } finally {
    await Promise.all(sockets.map((socket) => socket.close()));
  }
}

const liveRows: Record<string, MatrixRow> = {
  'live-join-room': {
    rule: 'a conversation’s room is joined only by a connection of its organization',
    async owner() {
      const inbox = await inboxOrg(h);
      const room = `conversation:${await customerWrites(h, inbox)}`;
      await withSockets([inbox.admin], async ([socket]) => {
        expect(await socket.ask({ action: 'join_room', room })).toEqual({ event: 'room:joined', data: { room, status: 'joined' } });
      });
    },
    async other() {
      const inbox = await inboxOrg(h);
      const room = `conversation:${await customerWrites(h, inbox)}`;
      const stranger = await h.registerOrg();
      const before = await h.orgItems(inbox.admin.orgId);
      await withSockets([stranger], async ([socket]) => {
        expect(await socket.ask({ action: 'join_room', room })).toEqual({ event: 'error', data: { code: 'room_not_found', message: 'Room not found' } });
      });
      expect([await roomItems(inbox.admin.orgId), await roomItems(stranger.orgId)]).toEqual([[], []]);
      expect(await h.orgItems(inbox.admin.orgId)).toEqual(before);
    },
  },
  'live-leave-room': {
    rule: 'a connection leaves only a room it joined',
    async owner() {
      const inbox = await inboxOrg(h);
      const room = `conversation:${await customerWrites(h, inbox)}`;
      await withSockets([inbox.admin], async ([socket]) => {
        await socket.ask({ action: 'join_room', room });
        expect(await socket.ask({ action: 'leave_room', room })).toEqual({ event: 'room:left', data: { room, status: 'left' } });
      });
    },
    async other() {
      const inbox = await inboxOrg(h);
      const room = `conversation:${await customerWrites(h, inbox)}`;
      const stranger = await h.registerOrg();
      await withSockets([inbox.admin, stranger], async ([watcher, socket]) => {
        await watcher.ask({ action: 'join_room', room });
        expect(await socket.ask({ action: 'leave_room', room })).toEqual({
          event: 'error',
          data: { code: 'not_in_room', message: 'The connection is not in this room' },
        });
        expect(await roomItems(inbox.admin.orgId)).toHaveLength(1);
      });
    },
  },
};

// ---- notifications, queue metrics and ratings (rows of functions/pytake/notifications and functions/pytake/queues) ----

/** An admin with a notification of hers (an agent added a contact), and a colleague of the same organization. */
async function adminWithNotification() {
  const admin = await h.registerOrg();
  const agent = await h.seedUser(admin, 'agent');
  const contact = await h.app.post('/contacts', { token: agent.token, json: { whatsapp_id: String(5511900000000 + Math.floor(Math.random() * 1e8)) } });
  expect(contact.status).toBe(201);
  const [notification] = await eventually(async () => {
    const items = (await h.app.get('/notifications', { token: admin.token })).body;
    return items[0]?.status === 'sent' ? items : undefined;
  });
  // Delivered in full (its e-mail is claimed before it is sent): nothing of it changes any more.
  await runtime.outbox.waitFor({ channel: 'email', to: admin.email });
  return { admin, colleague: agent, notificationId: notification.id as string };
}

/** A row for a route on one notification: its user gets `status`; a colleague and another organization's user 404, nothing changed. */
function notificationRow(rule: string, status: number, request: (id: string) => { method: string; path: string }): MatrixRow {
  return {
    rule,
    async owner() {
      const o = await adminWithNotification();
      const { method, path } = request(o.notificationId);
      expect((await h.app.request(method, path, { token: o.admin.token })).status).toBe(status);
    },
    async other() {
      const o = await adminWithNotification();
      const before = await h.orgItems(o.admin.orgId);
      const { method, path } = request(o.notificationId);
      expect((await h.app.request(method, path, { token: o.colleague.token })).status).toBe(404);
      expect(await h.orgItems(o.admin.orgId)).toEqual(before);
      await refusedToOtherOrg(o.admin, () => request(o.notificationId));
    },
  };
}

const notificationRows: Record<string, MatrixRow> = {
  'notifications-get-notification': notificationRow('a notification is read only by its user', 200, (id) => ({ method: 'GET', path: `/notifications/${id}` })),
  'notifications-mark-read': notificationRow('a notification is marked read only by its user', 200, (id) => ({
    method: 'POST',
    path: `/notifications/${id}/read`,
  })),
  'notifications-delete-notification': notificationRow('a notification is removed only by its user', 200, (id) => ({
    method: 'DELETE',
    path: `/notifications/${id}`,
  })),
  'queues-queue-metrics': inboxRow('a queue’s metrics are read only within its organization', 200, (o) => ({
    method: 'GET',
    path: `/queues/${o.queueId}/metrics`,
  })),
  'queues-rate-conversation': inboxRow('a conversation is rated only within its organization', 201, (o) => ({
    method: 'POST',
    path: `/conversations/${o.conversationId}/rating`,
    json: { score: 5 },
  })),
};

/** A row for a super-admin route on an organization: a super admin (of another organization) gets `status`; the organization's own admin and another organization's admin 403, nothing changed. */
function platformRow(rule: string, status: number, request: (orgId: string) => { method: string; path: string }): MatrixRow {
  return {
    rule,
    async owner() {
      const home = await h.registerOrg();
      const superAdmin = await h.seedUser(home, 'super_admin');
      const target = await h.registerOrg();
      const { method, path } = request(target.orgId);
      expect((await h.app.request(method, path, { token: superAdmin.token })).status).toBe(status);
    },
    async other() {
      const target = await h.registerOrg();
      const stranger = await h.registerOrg();
      const before = await h.orgItems(target.orgId);
      const { method, path } = request(target.orgId);
      for (const member of [target, stranger]) expect((await h.app.request(method, path, { token: member.token })).status).toBe(403);
      expect(await h.orgItems(target.orgId)).toEqual(before);
    },
  };
}

const platformRows: Record<string, MatrixRow> = {
  'queues-bulk-delete-queues': inboxRow('queues are removed in bulk only by an admin of their organization', 204, (o) => ({
    method: 'POST',
    path: '/queues/bulk-delete',
    json: { queue_ids: [o.queueId] },
  })),
  'users-get-user-stats': userRow('a user’s statistics are read only within her organization', 200, (o) => ({
    method: 'GET',
    path: `/users/${o.agent.id}/stats`,
  })),
  'organizations-get-organization': platformRow('any organization is read by super admins only', 200, (id) => ({
    method: 'GET',
    path: `/organizations/${id}`,
  })),
  'organizations-get-organization-stats': platformRow('any organization’s counts are read by super admins only', 200, (id) => ({
    method: 'GET',
    path: `/organizations/${id}/stats`,
  })),
  'organizations-activate-organization': platformRow('organizations are activated by super admins only', 200, (id) => ({
    method: 'POST',
    path: `/organizations/${id}/activate`,
  })),
  'organizations-deactivate-organization': platformRow('organizations are deactivated by super admins only', 200, (id) => ({
    method: 'POST',
    path: `/organizations/${id}/deactivate`,
  })),
};

// ---- end of sections ----

// ---- queued work (consumers of functions/pytake/inbox and functions/pytake/notifications) ----

const queueOf = (name: string) => addresses.queueName('pytake', name);
const enqueue = (queue: string, job: Record<string, unknown>) => runtime.queues.send(queueOf(queue), JSON.stringify(job));

/**
 * An outbound message of the organization that no job has sent: a copy, under a new id and its own
 * text, of one the route stored and sent, put back as pending. A job naming it can still send it, so a
 * job naming it for another organization is refused by what it reads, not by a finished message.
 */
async function orgWithPendingMessage() {
  const o = await orgWithConversation();
  const reply = await h.app.post(`/conversations/${o.conversationId}/messages`, {
    token: o.admin.token,
    json: { message_type: 'text', content: { text: 'Seu pedido saiu' } },
  });
  expect(reply.status).toBe(201);
  // Read: the last status the Meta stand-in plays back, so no callback changes the organization's rows after this.
  const sent = await eventually(async () =>
    (await h.table.partition(`ORG#${o.admin.orgId}`)).find((item) => item.id === reply.body.id && item.status === 'read'),
  );
  const { send_claimed_at: _claim, sent_at: _sentAt, status_rank: _rank, ...message } = sent;
  const id = randomUUID();
  const text = `Cópia ${id}`;
  const messageSk = String(message.sk).replace(String(message.id), id);
  await h.table.put({ ...message, sk: messageSk, id, status: 'pending', whatsapp_message_id: null, delivered_at: null, read_at: null, content: { text } });
  return { ...o, messageSk, text };
}

const graphSendsOf = (text: string) => runtime.fakes.metaGraph.sends.filter((send) => JSON.stringify(send.body).includes(text));

/** A row for a queue consumer: a job is built for its own organization (`owner: 'origin'`); naming another one's object, it changes nothing. */
const queueRows: Record<string, MatrixRow> = {
  'inbox-deliver-message': {
    rule: 'a send job sends only a message of the organization it names, from that organization’s number',
    async owner() {
      const o = await orgWithPendingMessage();
      enqueue('send-message', { organization_id: o.admin.orgId, message_sk: o.messageSk, attempt: 0 });
      await eventually(() => graphSendsOf(o.text).length === 1, { what: 'the pending message sent', timeoutMs: 60_000 });
    },
    async other() {
      const [o, stranger] = await Promise.all([orgWithPendingMessage(), h.registerOrg()]);
      const before = await Promise.all([h.orgItems(o.admin.orgId), h.orgItems(stranger.orgId)]);
      enqueue('send-message', { organization_id: stranger.orgId, message_sk: o.messageSk, attempt: 0 });
      await runtime.queues.drained(queueOf('send-message'), 60_000);
      expect(graphSendsOf(o.text)).toEqual([]);
      expect(await Promise.all([h.orgItems(o.admin.orgId), h.orgItems(stranger.orgId)])).toEqual(before);
    },
  },
  'notifications-deliver-notifications': {
    rule: 'a notification job reaches only users of the organization it names',
    async owner() {
      const admin = await h.registerOrg();
      enqueue('notifications', notificationJob(admin.orgId, admin.id));
      await eventually(async () => (await h.app.get('/notifications', { token: admin.token })).body.length === 1, { what: 'the notification stored' });
    },
    async other() {
      const [admin, stranger] = await Promise.all([h.registerOrg(), h.registerOrg()]);
      const before = await Promise.all([h.orgItems(admin.orgId), h.orgItems(stranger.orgId)]);
      enqueue('notifications', notificationJob(stranger.orgId, admin.id));
      await runtime.queues.drained(queueOf('notifications'), 60_000);
      expect((await h.app.get('/notifications', { token: admin.token })).body).toEqual([]);
      expect(await Promise.all([h.orgItems(admin.orgId), h.orgItems(stranger.orgId)])).toEqual(before);
    },
  },
};

function notificationJob(orgId: string, userId: string) {
  return {
    organization_id: orgId,
    notification_type: 'new_contact',
    event_key: `matrix-${randomUUID()}`,
    recipients: { user_ids: [userId] },
    actor_id: null,
    subject: 'Novo contato',
    message: 'Um contato foi criado',
    metadata: {},
  };
}

const matrix: Record<string, MatrixRow> = { ...users, ...contacts, ...whatsapp, ...inboxRows, ...notificationRows, ...platformRows, ...liveRows, ...queueRows };

/** The entry's declared object ids, wherever it is declared. */
function objectIdsOf(fn: ServiceFunction): ObjectId[] {
  const trigger = fn.trigger;
  if (trigger.kind === 'http') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'websocket') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'queue') return trigger.queue.objectIds ?? [];
  return [];
}

const entriesWithIds = functionsOf(pytake).filter((fn) => objectIdsOf(fn).length > 0);

describe('the authorization matrix', () => {
  it('has a row for every entry that acts on object ids, and none for others', () => {
    const ids = entriesWithIds.map((fn) => fn.id);
    expect(
      ids.filter((id) => !(id in matrix)),
      'entries with object ids but no matrix row',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((id) => !ids.includes(id)),
      'rows for entries that declare no object ids',
    ).toEqual([]);
  });
});

for (const fn of entriesWithIds.filter((entry) => entry.id in matrix)) {
  const row = matrix[fn.id];
  const ids = objectIdsOf(fn)
    .map((id) => `${id.object} from ${id.from} ${id.field}`)
    .join(', ');
  describe(`${fn.id} (${ids})`, () => {
    it(`allows the organization: ${row.rule}`, () => row.owner());
    it('answers another organization 404, changing nothing', () => row.other());
  });
}
