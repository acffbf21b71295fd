import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { NUMBER_RATE, RECIPIENT_RATE } from '../../../functions/pytake/inbox/pacing.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, pytakeHarness } from '../app-client.ts';
import { customerWaId, customerWrites, type Inbox, inboxOrg, silentConversation } from '../inbox/inbox-fixture.ts';

const logLines: string[] = [];
const runtime = sharedRuntime({ services: [pytake], log: (line) => logLines.push(line) });
const h = pytakeHarness(runtime);
const graph = () => runtime.fakes.metaGraph;

const sendText = (inbox: Inbox, conversationId: string, text = 'Olá, como posso ajudar?') =>
  h.app.post(`/conversations/${conversationId}/messages`, { token: inbox.admin.token, json: { message_type: 'text', content: { text } } });
const messages = async (inbox: Inbox, conversationId: string) =>
  (await h.app.get(`/conversations/${conversationId}/messages`, { token: inbox.admin.token })).body;
const outbound = async (inbox: Inbox, conversationId: string, id: string) => (await messages(inbox, conversationId)).find((m: { id: string }) => m.id === id);
const sendsTo = (waId: string) => graph().sends.filter((send) => send.to === waId);

describe('POST /conversations/{id}/messages: the 24-hour window', () => {
  it('refuses free-form messages when the customer never wrote (409 naming the window), sending nothing', async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await silentConversation(h, inbox);
    const before = graph().sends.length;
    for (const json of [
      { message_type: 'text', content: { text: 'Oi' } },
      { message_type: 'image', content: { url: 'https://example.com/a.png' } },
      { message_type: 'interactive', content: { type: 'button', body: { text: 'Escolha' }, action: { buttons: [] } } },
    ]) {
      const reply = await h.app.post(`/conversations/${conversationId}/messages`, { token: inbox.admin.token, json });
      expect(reply.status).toBe(409);
      expect(reply.body.detail).toMatch(/24-hour customer service window/);
    }
    expect(await messages(inbox, conversationId)).toEqual([]);
    expect(graph().sends.length).toBe(before);
  });

  it('sends templates outside the window', async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await silentConversation(h, inbox);
    const reply = await h.app.post(`/conversations/${conversationId}/messages`, {
      token: inbox.admin.token,
      json: { message_type: 'template', content: { name: 'boas_vindas', language: 'pt_BR' } },
    });
    expect(reply.status).toBe(201);
    const sent = await eventually(() =>
      graph().sends.find((send) => send.body.template?.name === 'boas_vindas' && send.phoneNumberId === inbox.number.input.phone_number_id),
    );
    expect(sent.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: sent.to,
      type: 'template',
      template: { name: 'boas_vindas', language: { code: 'pt_BR' } },
    });
  });
});

describe('POST /conversations/{id}/messages: through the send queue to the Graph API', () => {
  it('answers 201 with the pending message, sends the Graph body exactly, and the status ticks come back to the message', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const conversationId = await customerWrites(h, inbox, waId);
    const reply = await sendText(inbox, conversationId, 'Seu pedido saiu');
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      conversation_id: conversationId,
      direction: 'outbound',
      sender_type: 'agent',
      message_type: 'text',
      status: 'pending',
      whatsapp_message_id: null,
    });
    const record = await runtime.outbox.waitFor({ channel: 'whatsapp', to: waId });
    expect(record.payload).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'text', text: { body: 'Seu pedido saiu' } });
    const read = await eventually(async () => {
      const message = await outbound(inbox, conversationId, reply.body.id);
      return message?.status === 'read' && message;
    });
    const [send] = sendsTo(waId);
    expect(read).toMatchObject({ whatsapp_message_id: send.wamid, error_code: null });
    expect(read.sent_at && read.delivered_at && read.read_at).toBeTruthy();
  });

  it('retries after 130429 and 5xx with backoff, then sends exactly once', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const conversationId = await customerWrites(h, inbox, waId);
    graph().fail({ code: 130429 });
    graph().fail({ status: 503 });
    const reply = await sendText(inbox, conversationId);
    const message = await eventually(async () => {
      const current = await outbound(inbox, conversationId, reply.body.id);
      return current?.whatsapp_message_id && current;
    });
    await runtime.queues.drained('pytake-send-message', 20_000);
    expect(sendsTo(waId).map((send) => send.wamid)).toEqual([message.whatsapp_message_id]);
  });

  it('sends once however often its job is delivered (duplicates at once and after the send)', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const conversationId = await customerWrites(h, inbox, waId);
    const reply = await sendText(inbox, conversationId);
    const stored = (await h.table.partition(`ORG#${inbox.admin.orgId}`)).find((item) => item.id === reply.body.id && String(item.sk).startsWith('MESSAGE#'));
    const job = JSON.stringify({ organization_id: inbox.admin.orgId, message_sk: stored?.sk, attempt: 0 });
    for (let i = 0; i < 5; i++) runtime.queues.send('pytake-send-message', job);
    await eventually(async () => (await outbound(inbox, conversationId, reply.body.id))?.whatsapp_message_id);
    runtime.queues.send('pytake-send-message', job);
    await runtime.queues.drained('pytake-send-message', 20_000);
    expect(sendsTo(waId)).toHaveLength(1);
  });

  it('records 131047 (outside Meta’s window) on the message, from the failed status', async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    graph().fail({ code: 131047 });
    const reply = await sendText(inbox, conversationId);
    const failed = await eventually(async () => {
      const current = await outbound(inbox, conversationId, reply.body.id);
      return current?.status === 'failed' && current;
    });
    expect(failed).toMatchObject({ error_code: '131047', error_message: 'Re-engagement message' });
  });

  it('allows 5 messages a minute per conversation (429 beyond), whatever else the organization sends', async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    for (let i = 0; i < 5; i++) expect((await sendText(inbox, conversationId, `m${i}`)).status).toBe(201);
    const refused = await sendText(inbox, conversationId, 'm5');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await messages(inbox, conversationId)).filter((m: { direction: string }) => m.direction === 'outbound')).toHaveLength(5);
  });

  it('paces a burst of 200 sends from one number: past its burst, slots are ~1/80 s apart (the stand-in’s timestamps)', async () => {
    const SENDS = 200;
    const inbox = await inboxOrg(h);
    // Each conversation takes 5 messages a minute: 40 customers carry the burst, writing in first, 8 at a time.
    const conversations: string[] = [];
    while (conversations.length < SENDS / 5) conversations.push(...(await Promise.all(Array.from({ length: 8 }, () => customerWrites(h, inbox)))));
    const replies = await Promise.all(conversations.flatMap((id) => Array.from({ length: 5 }, (_, i) => sendText(inbox, id, `oferta ${i}`))));
    expect(replies.map((reply) => reply.status)).toEqual(Array(SENDS).fill(201));
    const sends = await eventually(
      () => {
        const all = graph().sends.filter((send) => send.phoneNumberId === inbox.number.input.phone_number_id);
        return all.length === SENDS && all;
      },
      { timeoutMs: 60_000 },
    );
    const times = sends.map((send) => send.at).sort((a, b) => a - b);
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual((SENDS - NUMBER_RATE.burst) * NUMBER_RATE.intervalMs - 25);
    // n sends need at least (n - burst) intervals between their slots; the stand-in sees each up to one Graph call's latency after its slot.
    for (let i = 0; i < times.length; i++) {
      for (let j = i + NUMBER_RATE.burst; j < times.length; j++) {
        const least = (j - i - NUMBER_RATE.burst + 1) * NUMBER_RATE.intervalMs - 25;
        if (times[j] - times[i] < least) expect.fail(`sends ${i} and ${j} ${times[j] - times[i]} ms apart, under ${least} ms`);
      }
    }
  }, 120_000);
});

describe('POST /conversations/{id}/messages: pacing per recipient', () => {
  it('lets a burst of 5 go to one customer at once, then the 6th no sooner than 6 s after (across conversations)', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const first = await customerWrites(h, inbox, waId);
    for (let i = 0; i < RECIPIENT_RATE.burst; i++) expect((await sendText(inbox, first, `m${i}`)).status).toBe(201);
    await eventually(() => sendsTo(waId).length === RECIPIENT_RATE.burst);
    await h.app.post(`/conversations/${first}/close`, { token: inbox.admin.token });
    const second = await customerWrites(h, inbox, waId, 'Mais uma coisa');
    expect((await sendText(inbox, second, 'm5')).status).toBe(201);
    const sends = await eventually(() => sendsTo(waId).length === RECIPIENT_RATE.burst + 1 && sendsTo(waId), { timeoutMs: 25_000 });
    const times = sends.map((send) => send.at).sort((a, b) => a - b);
    // Slots are reserved just before each Graph call: the stand-in sees them up to one call's latency apart from the slot.
    expect(times[RECIPIENT_RATE.burst] - times[0]).toBeGreaterThanOrEqual(RECIPIENT_RATE.intervalMs - 100);
  }, 40_000);
});

describe('POST /conversations/{id}/messages: bad input', () => {
  it('answers 422 for unknown types, missing content and media without exactly one source', async () => {
    const inbox = await inboxOrg(h);
    const conversationId = await customerWrites(h, inbox);
    for (const json of [
      { message_type: 'fax', content: {} },
      { message_type: 'text', content: { text: '' } },
      { message_type: 'text' },
      { message_type: 'image', content: {} },
      { message_type: 'image', content: { url: 'https://example.com/a.png', media_id: '1' } },
      { message_type: 'template', content: {} },
    ]) {
      const reply = await h.app.post(`/conversations/${conversationId}/messages`, { token: inbox.admin.token, json });
      expect([reply.status, Array.isArray(reply.body.detail)]).toEqual([422, true]);
    }
    expect(
      (await h.app.post('/conversations/not-a-uuid/messages', { token: inbox.admin.token, json: { message_type: 'text', content: { text: 'a' } } })).status,
    ).toBe(422);
  });
});

describe('sending: what the logs hold', () => {
  it('never the recipient’s number, the message text or the number’s token, retries included', async () => {
    const inbox = await inboxOrg(h);
    const waId = customerWaId();
    const conversationId = await customerWrites(h, inbox, waId);
    const text = `Segredo ${Date.now()}`;
    graph().fail({ code: 131056 });
    const reply = await sendText(inbox, conversationId, text);
    await eventually(async () => (await outbound(inbox, conversationId, reply.body.id))?.whatsapp_message_id, { timeoutMs: 25_000 });
    expect(logLines.some((line) => line.includes('retrying'))).toBe(true);
    const secrets = [waId, text, inbox.number.input.access_token, inbox.number.input.app_secret];
    expect(logLines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  }, 40_000);
});
