/**
 * Notifications through the gateway: an event (assignment, closed
 * conversation, new contact) queues a job whose consumer stores one
 * notification per recipient, honouring her preferences (in-app, e-mail,
 * quiet hours, e-mails per hour); each user reads, counts and marks only her
 * own.
 */
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { notificationKey } from '../../../functions/pytake/keys.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, type Member, pytakeHarness } from '../app-client.ts';
import { inboxOrg, silentConversation } from '../inbox/inbox-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);

const list = async (member: Member, query: Record<string, string | number> = {}) => {
  const reply = await h.app.get('/notifications', { token: member.token, query });
  expect(reply.status).toBe(200);
  return reply.body as { id: string; notification_type: string; status: string; notification_metadata: Record<string, unknown> }[];
};
const unread = async (member: Member) => (await h.app.get('/notifications/unread-count', { token: member.token })).body.unread_count as number;
const emailsTo = (member: Member) => runtime.outbox.list({ channel: 'email', to: member.email });

/** An organization with a number, an agent, and a conversation assigned to her by the admin. */
async function assignedToAgent() {
  const inbox = await inboxOrg(h);
  const agent = await h.seedUser(inbox.admin, 'agent');
  const conversationId = await silentConversation(h, inbox);
  const assigned = await h.app.post(`/conversations/${conversationId}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } });
  expect(assigned.status).toBe(200);
  return { ...inbox, agent, conversationId };
}

describe('notifications of assignments', () => {
  it('notifies the agent a conversation is assigned to (listed, counted unread, e-mailed), not the admin who assigned it', { timeout: 90_000 }, async () => {
    const o = await assignedToAgent();
    const [notification] = await eventually(async () => {
      const items = await list(o.agent);
      return items.length ? items : undefined;
    });
    expect(notification).toMatchObject({
      notification_type: 'conversation_assigned',
      channel: 'in_app',
      status: 'sent',
      user_id: o.agent.id,
      organization_id: o.agent.orgId,
      notification_metadata: { conversation_id: o.conversationId },
    });
    expect(await unread(o.agent)).toBe(1);
    const email = await runtime.outbox.waitFor({ channel: 'email', to: o.agent.email });
    expect(email.payload).toMatchObject({ subject: 'Conversation assigned' });
    expect(await list(o.admin)).toEqual([]);
  });

  it('marks one read, then all read; each user reaches only her own notifications (404 for another user’s, in the organization or not)', {
    timeout: 90_000,
  }, async () => {
    const o = await assignedToAgent();
    const [first] = await eventually(async () => {
      const items = await list(o.agent);
      return items.length ? items : undefined;
    });
    // A second assignment: another conversation.
    const second = await silentConversation(h, o);
    await h.app.post(`/conversations/${second}/assign`, { token: o.admin.token, json: { agent_id: o.agent.id } });
    await eventually(async () => (await unread(o.agent)) === 2);

    const colleague = await h.seedUser(o.admin, 'agent');
    const stranger = await h.registerOrg();
    for (const other of [colleague, stranger, o.admin]) {
      expect((await h.app.get(`/notifications/${first!.id}`, { token: other.token })).status).toBe(404);
      expect((await h.app.post(`/notifications/${first!.id}/read`, { token: other.token })).status).toBe(404);
      expect((await h.app.delete(`/notifications/${first!.id}`, { token: other.token })).status).toBe(404);
    }
    expect((await h.app.get(`/notifications/${first!.id}`, { token: o.agent.token })).body.status).toBe('sent');

    const read = await h.app.post(`/notifications/${first!.id}/read`, { token: o.agent.token });
    expect(read.body).toMatchObject({ id: first!.id, status: 'read' });
    expect(await unread(o.agent)).toBe(1);
    expect((await list(o.agent, { status: 'read' })).map((n) => n.id)).toEqual([first!.id]);
    expect((await h.app.post('/notifications/read-all', { token: o.agent.token })).body).toEqual({ marked_as_read: 1 });
    expect(await unread(o.agent)).toBe(0);
    expect((await h.app.post('/notifications/read-all', { token: o.agent.token })).body).toEqual({ marked_as_read: 0 });

    expect((await h.app.delete(`/notifications/${first!.id}`, { token: o.agent.token })).body).toEqual({ deleted: true });
    expect((await h.app.get(`/notifications/${first!.id}`, { token: o.agent.token })).status).toBe(404);
    expect(await list(o.agent)).toHaveLength(1);
  });

  it('refuses bad ids and paging with 422', { timeout: 90_000 }, async () => {
    const admin = await h.registerOrg();
    expect((await h.app.get('/notifications/not-a-uuid', { token: admin.token })).status).toBe(422);
    expect((await h.app.get('/notifications', { token: admin.token, query: { limit: 101 } })).status).toBe(422);
    expect((await h.app.get('/notifications', { token: admin.token, query: { skip: -1 } })).status).toBe(422);
    expect((await h.app.get('/notifications')).status).toBe(401);
  });
});

describe('notifications of closed conversations and new contacts', () => {
  it('notifies the agent who had a conversation when someone else closes it, and the admins of a contact an agent adds', { timeout: 90_000 }, async () => {
    const o = await assignedToAgent();
    expect((await h.app.post(`/conversations/${o.conversationId}/close`, { token: o.admin.token })).status).toBe(200);
    await eventually(async () => (await list(o.agent)).some((n) => n.notification_type === 'conversation_closed'));

    const contact = await h.app.post('/contacts', { token: o.agent.token, json: { whatsapp_id: '5511912345678', name: 'Nova' } });
    expect(contact.status).toBe(201);
    const [notice] = await eventually(async () => {
      const items = (await list(o.admin)).filter((n) => n.notification_type === 'new_contact');
      return items.length ? items : undefined;
    });
    expect(notice!.notification_metadata).toEqual({ contact_id: contact.body.id });
    // The agent who added it is not told of her own action.
    expect((await list(o.agent)).filter((n) => n.notification_type === 'new_contact')).toEqual([]);
  });
});

describe('GET/PUT /notifications/preferences', () => {
  it('answers the original’s defaults, keeps changes, and refuses bad times and caps with 422, nothing changed', { timeout: 90_000 }, async () => {
    const admin = await h.registerOrg();
    const defaults = await h.app.get('/notifications/preferences', { token: admin.token });
    expect(defaults.body).toMatchObject({
      user_id: admin.id,
      organization_id: admin.orgId,
      email_enabled: true,
      sms_enabled: false,
      whatsapp_enabled: false,
      websocket_enabled: true,
      in_app_enabled: true,
      quiet_hours_enabled: false,
      quiet_hours_start: null,
      max_emails_per_hour: 10,
      max_sms_per_hour: 5,
    });
    const changed = await h.app.put('/notifications/preferences', {
      token: admin.token,
      json: { quiet_hours_enabled: true, quiet_hours_start: '22:00', quiet_hours_end: '08:00', max_emails_per_hour: 3, sms_enabled: null },
    });
    expect(changed.body).toMatchObject({
      id: defaults.body.id,
      quiet_hours_start: '22:00',
      quiet_hours_end: '08:00',
      max_emails_per_hour: 3,
      sms_enabled: false,
    });
    for (const bad of [
      { quiet_hours_start: '25:00' },
      { quiet_hours_end: '8h' },
      { max_emails_per_hour: 0 },
      { max_emails_per_hour: 101 },
      { max_sms_per_hour: 51 },
      { email_enabled: 'yes' },
    ]) {
      const reply = await h.app.put('/notifications/preferences', { token: admin.token, json: bad });
      expect([reply.status, Array.isArray(reply.body.detail)]).toEqual([422, true]);
    }
    expect((await h.app.get('/notifications/preferences', { token: admin.token })).body).toEqual(changed.body);
  });

  it('keeps a notification out of the list with in-app off, e-mails nothing with e-mail off or in quiet hours, and caps e-mails per hour', {
    timeout: 90_000,
  }, async () => {
    const inbox = await inboxOrg(h);
    const quiet = await h.seedUser(inbox.admin, 'agent');
    const hidden = await h.seedUser(inbox.admin, 'agent');
    const capped = await h.seedUser(inbox.admin, 'agent');
    // Quiet all day long: 00:00 to 23:59 in the organization's timezone.
    await h.app.put('/notifications/preferences', {
      token: quiet.token,
      json: { quiet_hours_enabled: true, quiet_hours_start: '00:00', quiet_hours_end: '23:59' },
    });
    await h.app.put('/notifications/preferences', { token: hidden.token, json: { in_app_enabled: false, email_enabled: false } });
    await h.app.put('/notifications/preferences', { token: capped.token, json: { max_emails_per_hour: 1 } });

    const assign = async (agent: Member) => {
      const id = await silentConversation(h, inbox);
      expect((await h.app.post(`/conversations/${id}/assign`, { token: inbox.admin.token, json: { agent_id: agent.id } })).status).toBe(200);
      return id;
    };
    await assign(quiet);
    const hiddenConversation = await assign(hidden);
    await assign(capped);
    await assign(capped);

    // The capped agent: both listed, the second one's e-mail skipped.
    const cappedItems = await eventually(async () => {
      const items = await list(capped);
      return items.length === 2 ? items : undefined;
    });
    const skipped = await eventually(async () => {
      const stored = await Promise.all(cappedItems.map((n) => h.table.get(notificationKey(capped.orgId, capped.id, n.id))));
      return stored.find((item) => item?.email_skipped === 'hourly_cap');
    });
    expect(skipped).toBeDefined();
    expect(emailsTo(capped)).toHaveLength(1);

    // Quiet hours: listed, no e-mail (its notification was handled once it is listed as sent).
    await eventually(async () => (await list(quiet)).length === 1);
    expect(emailsTo(quiet)).toEqual([]);

    // In-app off: delivered once (the stored item), never listed, no e-mail.
    const notificationOfHidden = await eventually(async () =>
      (await h.table.partition(`ORG#${hidden.orgId}`)).find(
        (item) =>
          String(item.sk).startsWith(`NOTIFICATION#${hidden.id}#`) &&
          (item.notification_metadata as { conversation_id?: string }).conversation_id === hiddenConversation,
      ),
    );
    expect(notificationOfHidden.gsi1pk).toBeUndefined();
    expect(await list(hidden)).toEqual([]);
    expect(await unread(hidden)).toBe(0);
    expect(emailsTo(hidden)).toEqual([]);
  });
});
