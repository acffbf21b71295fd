import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import pytake from '../../../functions/pytake/service.ts';
import { inboundValue, metaJson, metaSignature, newWamid, statusValue, webhookBody } from '../../../infra/local/fakes/meta-webhooks.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { eventually, type Member, pytakeHarness } from '../app-client.ts';
import { addNumber, postSigned, sendToWebhook, type TestNumber } from '../whatsapp/numbers-fixture.ts';

const logLines: string[] = [];
const runtime = sharedRuntime({ services: [pytake], log: (line) => logLines.push(line) });
const h = pytakeHarness(runtime);

const PUBLISHED = '0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914';

async function orgWithNumber(overrides: Parameters<typeof addNumber>[2] = {}): Promise<{ admin: Member; number: TestNumber }> {
  const admin = await h.registerOrg();
  return { admin, number: await addNumber(h, admin, overrides) };
}

const items = async (orgId: string, prefix: string) => (await h.table.partition(`ORG#${orgId}`)).filter((item) => String(item.sk).startsWith(prefix));
const messagesOf = (orgId: string) => items(orgId, 'MESSAGE#');
const inbound = (number: TestNumber, input: Parameters<typeof inboundValue>[0]) =>
  webhookBody({ phoneNumberId: number.input.phone_number_id }, inboundValue(input));

/** Resolves once every queued change is processed, so "nothing stored" is a fact, not a race. */
const drained = () => runtime.queues.drained('pytake-meta-webhook', 20_000);

describe('GET /pytake/webhooks/meta (subscription handshake)', () => {
  it('answers the raw challenge as text/plain when the verify token is a configured number’s', async () => {
    const { number } = await orgWithNumber();
    const reply = await sendToWebhook(runtime.url, {
      method: 'GET',
      query: `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(number.input.webhook_verify_token)}&hub.challenge=1158201444`,
    });
    expect([reply.status, reply.contentType, reply.text]).toEqual([200, 'text/plain; charset=utf-8', '1158201444']);
  });

  it('answers 403 for an unknown token, another mode or a deleted number', async () => {
    const { admin, number } = await orgWithNumber();
    const token = encodeURIComponent(number.input.webhook_verify_token);
    expect((await sendToWebhook(runtime.url, { method: 'GET', query: 'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1' })).status).toBe(403);
    expect((await sendToWebhook(runtime.url, { method: 'GET', query: `hub.mode=unsubscribe&hub.verify_token=${token}&hub.challenge=1` })).status).toBe(403);
    expect((await sendToWebhook(runtime.url, { method: 'GET', query: `hub.mode=subscribe&hub.verify_token=${token}` })).status).toBe(403);
    await h.app.delete(`/whatsapp/${number.id}`, { token: admin.token });
    expect((await sendToWebhook(runtime.url, { method: 'GET', query: `hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1` })).status).toBe(403);
  });
});

describe('POST /pytake/webhooks/meta (signature)', () => {
  it('checks the HMAC the way the published vector is computed (key "secret", body "test")', async () => {
    expect(metaSignature('secret', 'test')).toBe(`sha256=${PUBLISHED}`);
    const { admin, number } = await orgWithNumber({ app_secret: 'secret' });
    const reply = await postSigned(runtime.url, inbound(number, { from: '5511988887777', name: 'Ana' }), 'secret');
    expect(reply.status).toBe(200);
    await eventually(async () => (await messagesOf(admin.orgId)).length === 1, { what: 'the message stored' });
  });

  it('verifies the raw bytes: \\uXXXX and \\/ escapes as Meta sends them, and base64-encoded events', async () => {
    const { admin, number } = await orgWithNumber();
    const text = 'Olá 😀 veja http://exemplo.com/a';
    const body = inbound(number, { from: '5511977776666', message: { type: 'text', text: { body: text } } });
    const raw = metaJson(body);
    expect(raw).toContain('\\u00e1');
    expect(raw).toContain('\\/');
    // Signed over a re-serialisation instead of the bytes sent: refused.
    const resigned = await sendToWebhook(runtime.url, {
      body: raw,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(number.input.app_secret, JSON.stringify(body)) },
    });
    expect(resigned.status).toBe(403);
    expect((await postSigned(runtime.url, body, number.input.app_secret)).status).toBe(200);
    // A content type the Function URL delivers base64-encoded.
    const other = inbound(number, { from: '5511977776666', message: { type: 'text', text: { body: 'segunda' } } });
    const otherRaw = metaJson(other);
    const base64 = await sendToWebhook(runtime.url, {
      body: otherRaw,
      headers: { 'content-type': 'application/octet-stream', 'x-hub-signature-256': metaSignature(number.input.app_secret, otherRaw) },
    });
    expect(base64.status).toBe(200);
    const stored = await eventually(async () => {
      const messages = await messagesOf(admin.orgId);
      return messages.length === 2 && messages;
    });
    expect(stored.map((message) => (message.content as { text: string }).text).sort()).toEqual([text, 'segunda'].sort());
  });

  it('refuses a missing or wrong signature, another number’s secret and a tampered body, storing nothing', async () => {
    const { admin, number } = await orgWithNumber();
    const { number: other } = await orgWithNumber();
    const before = await h.orgItems(admin.orgId);
    const body = inbound(number, { from: '5511966665555' });
    const raw = metaJson(body);
    const sign = (secret: string, bytes = raw) => ({ 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(secret, bytes) });
    expect((await sendToWebhook(runtime.url, { body: raw, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await sendToWebhook(runtime.url, { body: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' } })).status).toBe(
      403,
    );
    expect(
      (await sendToWebhook(runtime.url, { body: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${PUBLISHED}` } })).status,
    ).toBe(403);
    expect((await sendToWebhook(runtime.url, { body: raw, headers: sign(other.input.app_secret) })).status).toBe(403);
    expect((await sendToWebhook(runtime.url, { body: raw.replace('Ol', 'Xl'), headers: sign(number.input.app_secret) })).status).toBe(403);
    // The other number's own body, signed with its secret, cannot carry a change for this number.
    const mixed = { object: 'whatsapp_business_account', entry: [...(inbound(other, { from: '1' }).entry as object[]), ...(body.entry as object[])] };
    expect((await postSigned(runtime.url, mixed, other.input.app_secret)).status).toBe(200);
    await drained();
    expect(await h.orgItems(admin.orgId)).toEqual(before);
  });

  it('answers 200 and stores nothing for a body naming no configured number, 400 for a body that is not JSON', async () => {
    const body = webhookBody({ phoneNumberId: '999000111222333' }, inboundValue({ from: '1' }));
    expect((await postSigned(runtime.url, body, 'whatever')).status).toBe(200);
    expect(
      (await postSigned(runtime.url, { object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'account_update', value: {} }] }] }, 'x')).status,
    ).toBe(200);
    expect(
      (await sendToWebhook(runtime.url, { body: 'test', headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${PUBLISHED}` } }))
        .status,
    ).toBe(400);
  });
});

describe('the webhook consumer (inbound messages)', () => {
  it('makes one message, one contact and one conversation of ten concurrent replays', async () => {
    const { admin, number } = await orgWithNumber();
    const body = inbound(number, { from: '5511955554444', name: 'Bruna', wamid: newWamid() });
    const replies = await Promise.all(Array.from({ length: 10 }, () => postSigned(runtime.url, body, number.input.app_secret)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    await drained();
    expect(await messagesOf(admin.orgId)).toHaveLength(1);
    const contacts = await items(admin.orgId, 'CONTACT#');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ whatsapp_id: '5511955554444', whatsapp_name: 'Bruna', total_messages_received: 1, total_conversations: 1 });
    const conversations = await items(admin.orgId, 'CONVERSATION#');
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({
      status: 'open',
      total_messages: 1,
      messages_from_contact: 1,
      whatsapp_number_id: number.id,
      contact_id: contacts[0].id,
    });
    // And once more, later: still one.
    expect((await postSigned(runtime.url, body, number.input.app_secret)).status).toBe(200);
    await drained();
    expect(await messagesOf(admin.orgId)).toHaveLength(1);
  });

  it('stores text, interactive replies, buttons, media, location, reactions and contacts; each message resets the 24-hour window', async () => {
    const { admin, number } = await orgWithNumber();
    const from = '5511944443333';
    const now = Math.floor(Date.now() / 1000);
    const kinds = [
      { type: 'text', text: { body: 'Oi' } },
      { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'btn-yes', title: 'Sim' } } },
      { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Segunda opção' } } },
      { type: 'button', button: { text: 'Parar', payload: 'STOP' } },
      { type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'foto' } },
      { type: 'location', location: { latitude: -23.56, longitude: -46.65, name: 'Paulista' } },
      { type: 'reaction', reaction: { message_id: 'wamid.prev', emoji: '👍' } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Carla' }, phones: [{ phone: '+55 11 90000-0000' }] }] },
    ];
    const value = inboundValue({ from, name: 'Duda' });
    const messages = kinds.map((message, i) => ({ from, id: newWamid(), timestamp: String(now - 3600 + i), ...message }));
    expect(
      (await postSigned(runtime.url, webhookBody({ phoneNumberId: number.input.phone_number_id }, { ...value, messages }), number.input.app_secret)).status,
    ).toBe(200);
    const stored = await eventually(async () => {
      const all = await messagesOf(admin.orgId);
      return all.length === kinds.length && all;
    });
    const byType = (type: string) => stored.filter((message) => message.message_type === type).map((message) => message.content);
    expect(byType('text')).toEqual([{ text: 'Oi' }]);
    expect(byType('interactive')).toEqual(
      expect.arrayContaining([
        { interactive_type: 'button_reply', id: 'btn-yes', title: 'Sim' },
        { interactive_type: 'list_reply', id: 'row-2', title: 'Segunda opção' },
      ]),
    );
    expect(byType('button')).toEqual([{ text: 'Parar', payload: 'STOP' }]);
    expect(byType('image')).toEqual([{ media_id: 'media-1', mime_type: 'image/jpeg', sha256: 'abc', caption: 'foto' }]);
    expect(byType('location')).toEqual([{ latitude: -23.56, longitude: -46.65, name: 'Paulista' }]);
    expect(byType('reaction')).toEqual([{ message_id: 'wamid.prev', emoji: '👍' }]);
    expect(byType('contacts')).toEqual([{ contacts: kinds[7].contacts }]);
    expect(stored.every((message) => message.direction === 'inbound' && message.sender_type === 'contact' && message.status === 'received')).toBe(true);

    const [conversation] = await items(admin.orgId, 'CONVERSATION#');
    expect(conversation.window_expires_at).toBe(new Date((now - 3600 + kinds.length - 1) * 1000 + 86_400_000).toISOString());
    // A newer message moves the window; an older one, arriving late, does not move it back.
    await postSigned(runtime.url, inbound(number, { from, timestamp: now }), number.input.app_secret);
    await postSigned(runtime.url, inbound(number, { from, timestamp: now - 7200 }), number.input.app_secret);
    await eventually(async () => (await messagesOf(admin.orgId)).length === kinds.length + 2);
    const [after] = await items(admin.orgId, 'CONVERSATION#');
    expect(after.window_expires_at).toBe(new Date(now * 1000 + 86_400_000).toISOString());
    expect(after.total_messages).toBe(kinds.length + 2);
  });
});

describe('the webhook consumer (recovery and settings)', () => {
  it('takes over a claim abandoned by a processor that died, storing the message once', async () => {
    const { admin, number } = await orgWithNumber();
    const wamid = newWamid();
    const abandonedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    await h.table.put({
      pk: `ORG#${admin.orgId}`,
      sk: `WAMID#${wamid}`,
      wamid,
      message_id: randomUUID(),
      created_at: abandonedAt,
      claimed_at: abandonedAt,
      done: false,
    });
    expect((await postSigned(runtime.url, inbound(number, { from: '5511911110000', wamid }), number.input.app_secret)).status).toBe(200);
    const [message] = await eventually(async () => {
      const messages = await messagesOf(admin.orgId);
      return messages.length === 1 && messages;
    });
    expect(message.created_at).toBe(abandonedAt);
    expect(await h.table.get({ pk: `ORG#${admin.orgId}`, sk: `WAMID#${wamid}` })).toMatchObject({ done: true, message_sk: message.sk });
  });

  it('leaves a claim held by a live processor alone: the replay stores nothing', async () => {
    const { admin, number } = await orgWithNumber();
    const wamid = newWamid();
    const now = new Date().toISOString();
    await h.table.put({ pk: `ORG#${admin.orgId}`, sk: `WAMID#${wamid}`, wamid, message_id: randomUUID(), created_at: now, claimed_at: now, done: false });
    expect((await postSigned(runtime.url, inbound(number, { from: '5511911112222', wamid }), number.input.app_secret)).status).toBe(200);
    await drained();
    expect(await messagesOf(admin.orgId)).toEqual([]);
  });

  it('opens conversations with the number’s default chatbot active', async () => {
    const { admin, number } = await orgWithNumber();
    const chatbot = randomUUID();
    await h.app.put(`/whatsapp/${number.id}`, { token: admin.token, json: { default_chatbot_id: chatbot } });
    await postSigned(runtime.url, inbound(number, { from: '5511911113333' }), number.input.app_secret);
    const [conversation] = await eventually(async () => {
      const conversations = await items(admin.orgId, 'CONVERSATION#');
      return conversations.length === 1 && conversations;
    });
    expect(conversation).toMatchObject({ active_chatbot_id: chatbot, is_bot_active: true });
  });
});

describe('the webhook consumer (statuses)', () => {
  /** An outbound message with a wamid, as the send queue stores it. */
  async function outboundMessage(number: TestNumber, wamid: string) {
    const id = randomUUID();
    const conversationId = randomUUID();
    const createdAt = new Date().toISOString();
    const sk = `MESSAGE#${conversationId}#${createdAt}#${id}`;
    await h.table.put({ pk: `ORG#${number.orgId}`, sk, id, direction: 'outbound', status: 'pending', whatsapp_message_id: wamid, error_code: null });
    await h.table.put({
      pk: `ORG#${number.orgId}`,
      sk: `WAMID#${wamid}`,
      wamid,
      message_id: id,
      created_at: createdAt,
      claimed_at: createdAt,
      done: true,
      message_sk: sk,
    });
    return { pk: `ORG#${number.orgId}`, sk };
  }
  const postStatus = (number: TestNumber, status: Parameters<typeof statusValue>[0]) =>
    postSigned(runtime.url, webhookBody({ phoneNumberId: number.input.phone_number_id }, statusValue(status)), number.input.app_secret);

  it('only moves forward: read, then a late delivered and sent, stays read', async () => {
    const { number } = await orgWithNumber();
    const wamid = newWamid();
    const key = await outboundMessage(number, wamid);
    await postStatus(number, { wamid, status: 'delivered', recipient: '1' });
    await eventually(async () => (await h.table.get(key))?.status === 'delivered');
    await postStatus(number, { wamid, status: 'read', recipient: '1' });
    await eventually(async () => (await h.table.get(key))?.status === 'read');
    await postStatus(number, { wamid, status: 'delivered', recipient: '1' });
    await postStatus(number, { wamid, status: 'sent', recipient: '1' });
    await drained();
    expect(await h.table.get(key)).toMatchObject({ status: 'read', status_rank: 3 });
  });

  it('records a failure’s error code and title, and ignores an unknown wamid', async () => {
    const { admin, number } = await orgWithNumber();
    const wamid = newWamid();
    const key = await outboundMessage(number, wamid);
    await postStatus(number, { wamid, status: 'failed', recipient: '1', errors: [{ code: 131047, title: 'Re-engagement message' }] });
    await eventually(async () => (await h.table.get(key))?.status === 'failed');
    expect(await h.table.get(key)).toMatchObject({ error_code: '131047', error_message: 'Re-engagement message' });
    const before = await h.orgItems(admin.orgId);
    expect((await postStatus(number, { wamid: newWamid(), status: 'read', recipient: '1' })).status).toBe(200);
    await drained();
    expect(await h.orgItems(admin.orgId)).toEqual(before);
  });

  it('receives the Graph stand-in’s signed status callbacks for a send', async () => {
    const { number } = await orgWithNumber();
    const graph = runtime.fakes.metaGraph;
    const response = await fetch(`${graph.url}/v21.0/${number.input.phone_number_id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${number.input.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '5511933332222', type: 'text', text: { body: 'Olá!' } }),
    });
    const answer = (await response.json()) as { messages: { id: string }[]; contacts: { wa_id: string }[] };
    expect(answer.contacts).toEqual([{ input: '5511933332222', wa_id: '5511933332222' }]);
    const wamid = answer.messages[0].id;
    const outbox = await runtime.outbox.list({ channel: 'whatsapp', to: '5511933332222' });
    expect(outbox.at(-1)?.payload).toEqual({ messaging_product: 'whatsapp', to: '5511933332222', type: 'text', text: { body: 'Olá!' } });
    const callbacks = await eventually(() => {
      const mine = graph.callbacks.filter((callback) => callback.wamid === wamid);
      return mine.length === 3 && mine;
    });
    expect(callbacks.map((callback) => [callback.status, callback.answered])).toEqual([
      ['sent', 200],
      ['delivered', 200],
      ['read', 200],
    ]);
    const refused = await fetch(`${graph.url}/v21.0/${number.input.phone_number_id}/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'x' } }),
    });
    expect(refused.status).toBe(401);
  });
});

describe('function logs', () => {
  it('hold no credential, phone number, profile name or message text', async () => {
    const { admin, number } = await orgWithNumber();
    const from = '5511922221111';
    const text = 'segredo-da-mensagem-42';
    const body = inbound(number, { from, name: 'Fulana de Tal', message: { type: 'text', text: { body: text } } });
    await sendToWebhook(runtime.url, {
      method: 'GET',
      query: `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(number.input.webhook_verify_token)}&hub.challenge=7`,
    });
    expect((await postSigned(runtime.url, body, number.input.app_secret)).status).toBe(200);
    expect((await postSigned(runtime.url, body, 'not-the-secret')).status).toBe(403);
    await h.app.put(`/whatsapp/${number.id}`, { token: admin.token, json: { access_token: 'EAAG-rotated-token-value' } });
    await eventually(async () => (await messagesOf(admin.orgId)).length === 1);
    await drained();
    const secrets = [
      number.input.access_token,
      number.input.app_secret,
      number.input.webhook_verify_token,
      number.input.phone_number,
      'EAAG-rotated-token-value',
      from,
      'Fulana de Tal',
      text,
      metaSignature(number.input.app_secret, metaJson(body)).slice(7),
    ];
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
  });
});
