/**
 * PyTake's acceptance path end to end, each request made as the dashboard and
 * Meta make it, through the real local gateway: an organization registers and
 * logs in, adds its WhatsApp number, and Meta's subscription handshake answers
 * the challenge; an agent's browser opens the live-event socket; a customer
 * writes (a signed inbound webhook, built as `npm run pytake:inbound` builds
 * it) and the contact, the conversation and the message appear, announced
 * live; the agent replies, the Graph stand-in receives exactly the Graph body,
 * and its signed status callbacks move the message sent → delivered → read,
 * announced to the conversation's room; the OpenAPI document lists every
 * gateway route used.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pytake from '../../functions/pytake/service.ts';
import { inboundValue, newWamid, webhookBody } from '../../infra/local/fakes/meta-webhooks.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { eventually, freshIp, pytakeHarness } from './app-client.ts';
import { customerWaId } from './inbox/inbox-fixture.ts';
import { LiveSocket } from './live/live-socket.ts';
import { numberInput, postSigned, sendToWebhook } from './whatsapp/numbers-fixture.ts';

const runtime = sharedRuntime({ services: [pytake] });
const h = pytakeHarness(runtime);
/** A step's first call of each function builds that function: on a busy machine a step touching several takes a while. */
const SLOW = { timeout: 90_000 };
const STATUS_ORDER = ['sent', 'delivered', 'read'];

const owner = {
  email: `dona-${Date.now().toString(36)}@example.com`,
  password: 'Loja-Centro-2024',
  full_name: 'Marta Souza',
  organization_name: 'Loja Centro',
};
const number = numberInput();
const waId = customerWaId();
const customerText = 'Olá, meu pedido já saiu?';
const replyText = 'Saiu hoje cedo, chega amanhã!';

describe('PyTake from a new organization to a read reply', () => {
  let token = '';
  let socket: LiveSocket;
  let conversationId = '';
  let replyId = '';
  let numberId = '';
  const inboundWamid = newWamid();
  const since = new Date().toISOString();

  afterAll(async () => {
    await socket?.close();
  });

  it('registers an organization, logs in, adds a WhatsApp number, and the Meta handshake answers the challenge', SLOW, async () => {
    const registered = await h.app.post('/auth/register', { json: owner, ip: freshIp() });
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({ email: owner.email, role: 'org_admin' });

    const login = await h.app.login(owner.email, owner.password);
    expect(login.user.id).toBe(registered.body.user.id);
    token = login.token.access_token;

    const added = await h.app.post('/whatsapp', { token, json: number });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ phone_number: number.phone_number, phone_number_id: number.phone_number_id });
    expect(added.text).not.toContain(number.app_secret);
    expect(added.text).not.toContain(number.access_token);
    numberId = added.body.id;

    const handshake = await sendToWebhook(runtime.url, {
      method: 'GET',
      query: `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(number.webhook_verify_token)}&hub.challenge=2061442011`,
    });
    expect([handshake.status, handshake.text]).toEqual([200, '2061442011']);
  });

  it('opens the live-event socket with the access token', SLOW, async () => {
    socket = await LiveSocket.open(`${runtime.url.replace(/^http/, 'ws')}/pytake/ws`, { authorization: `Bearer ${token}` });
    expect(await socket.ask({ action: 'ping', timestamp: 1 })).toEqual({ event: 'pong', data: { timestamp: 1 } });
  });

  it('a signed inbound message makes the contact, the conversation and the message, announced as message:new', SLOW, async () => {
    // The body `npm run pytake:inbound -- --to <phone_number_id> --from <wa_id> --text …` posts, signed with the number's app secret.
    const body = webhookBody(
      { phoneNumberId: number.phone_number_id },
      inboundValue({ from: waId, name: 'Joana Lima', wamid: inboundWamid, message: { type: 'text', text: { body: customerText } } }),
    );
    expect((await postSigned(runtime.url, body, number.app_secret)).status).toBe(200);

    const contact = await eventually(
      async () => (await h.app.get('/contacts', { token, query: { query: waId } })).body?.find?.((c: { whatsapp_id: string }) => c.whatsapp_id === waId),
      { timeoutMs: 30_000, what: 'the contact listed' },
    );
    expect(contact).toMatchObject({ whatsapp_id: waId, whatsapp_name: 'Joana Lima' });

    // Listed once it counts the message: the list below then holds it.
    const conversation = await eventually(
      async () =>
        (await h.app.get('/conversations', { token })).body?.find?.(
          (c: { contact_id: string; total_messages: number }) => c.contact_id === contact.id && c.total_messages > 0,
        ),
      { timeoutMs: 30_000, what: 'the conversation listed with its message' },
    );
    expect(conversation).toMatchObject({ whatsapp_number_id: numberId, total_messages: 1 });
    expect(conversation.status).not.toBe('closed');
    conversationId = conversation.id;

    const messages = await h.app.get(`/conversations/${conversationId}/messages`, { token });
    expect(messages.status).toBe(200);
    expect(messages.body).toEqual([
      expect.objectContaining({ direction: 'inbound', message_type: 'text', content: { text: customerText }, whatsapp_message_id: inboundWamid }),
    ]);

    const announced = await socket.next((f) => f.event === 'message:new' && f.data.conversation_id === conversationId);
    expect(announced.data).toMatchObject({ message_id: messages.body[0].id, direction: 'inbound', message_type: 'text' });

    const room = `conversation:${conversationId}`;
    expect(await socket.ask({ action: 'join_room', room })).toEqual({ event: 'room:joined', data: { room, status: 'joined' } });
  });

  it('an agent reply goes to the Graph API exactly once; the status callbacks move it sent → delivered → read, announced to the room', SLOW, async () => {
    const sent = await h.app.post(`/conversations/${conversationId}/messages`, { token, json: { message_type: 'text', content: { text: replyText } } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ conversation_id: conversationId, direction: 'outbound', sender_type: 'agent', status: 'pending' });
    replyId = sent.body.id;

    const record = await runtime.outbox.waitFor({ channel: 'whatsapp', to: waId, since });
    expect(record.payload).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: waId, type: 'text', text: { body: replyText } });

    // Every status seen through the REST list while it moves: never backwards.
    const seen: string[] = [];
    const read = await eventually(
      async () => {
        const list = (await h.app.get(`/conversations/${conversationId}/messages`, { token })).body;
        const message = list.find((m: { id: string }) => m.id === replyId);
        if (message && seen.at(-1) !== message.status) seen.push(message.status);
        return message?.status === 'read' && message;
      },
      { timeoutMs: 30_000, what: 'the reply read' },
    );
    const ranks = seen.map((status) => ['pending', ...STATUS_ORDER].indexOf(status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(read.whatsapp_message_id).toMatch(/^wamid\./);
    expect(read.sent_at && read.read_at).toBeTruthy();
    // Meta stamps delivery and reading in whole seconds, so they may not fall after the send's own stamp; a delivery
    // processed after the read (the webhook queue is not ordered) is stale and leaves no stamp.
    if (read.delivered_at) expect(read.delivered_at <= read.read_at).toBe(true);

    // The stand-in posted its three signed callbacks for this wamid, and the webhook took each.
    const callbacks = runtime.fakes.metaGraph.callbacks.filter((c) => c.wamid === read.whatsapp_message_id);
    expect(callbacks.map((c) => [c.status, c.answered])).toEqual(STATUS_ORDER.map((status) => [status, 200]));

    const last = await socket.next((f) => f.event === 'message:status' && f.data.message_id === replyId && f.data.status === 'read');
    expect(last.data).toMatchObject({ conversation_id: conversationId, status: 'read' });
    await runtime.queues.drained('pytake-live-events', 30_000);
    await socket.roundTrip();
    // Each status the message took is announced once (live events are not ordered among themselves).
    const rank = (status: string) => STATUS_ORDER.indexOf(status);
    const statuses = socket
      .ofEvent('message:status')
      .filter((f) => f.data.message_id === replyId)
      .map((f) => f.data.status);
    expect(statuses.sort((a, b) => rank(a) - rank(b))).toEqual(STATUS_ORDER.filter((status) => read[`${status}_at`]));

    // One send however the queue delivered the job.
    await runtime.queues.drained('pytake-send-message', 30_000);
    expect(runtime.outbox.list({ channel: 'whatsapp', to: waId, since })).toHaveLength(1);
  });

  it('GET /pytake/openapi.json lists every route the path used, the Meta webhook (a Function URL) included', SLOW, async () => {
    const doc = await h.app.request('GET', '/openapi.json', { root: true });
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    const used: [string, string][] = [
      ['/api/v1/auth/register', 'post'],
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/whatsapp', 'post'],
      ['/api/v1/contacts', 'get'],
      ['/api/v1/conversations', 'get'],
      ['/api/v1/conversations/{conversation_id}/messages', 'get'],
      ['/api/v1/conversations/{conversation_id}/messages', 'post'],
      ['/webhooks/meta', 'get'],
      ['/webhooks/meta', 'post'],
    ];
    for (const [path, method] of used) expect(Object.keys(paths[path] ?? {}), `${method.toUpperCase()} ${path}`).toContain(method);
  });
});
