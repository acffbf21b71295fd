/**
 * The chats as the app uses them (the original's 060-chat.t and
 * 070-chat-support.t): two users find each other, open a chat, talk, page
 * through it by etags and tokens, block and unblock, delete it; the support
 * chat with an admin's answer; who may read and write what; and the messages
 * as stored (sealed, never in plain text).
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const chats = (account: SeededAccount) => h.app.get('/me/chats', { apiKey: account.session });
const open = (account: SeededAccount, clienteId: number, prefetch = true) =>
  h.app.post('/me/chats-session', { apiKey: account.session, query: { cliente_id: clienteId, ...(prefetch && { prefetch: '1' }) } });
const messages = (account: SeededAccount, chatAuth: string, extra: Record<string, string | number> = {}) =>
  h.app.get('/me/chats-messages', { apiKey: account.session, query: { chat_auth: chatAuth, ...extra } });
// As the app sends it: chat_auth in the query, the message as the body.
const send = (account: SeededAccount, chatAuth: string, message: string) =>
  h.app.post('/me/chats-messages', {
    apiKey: account.session,
    query: { chat_auth: chatAuth },
    rawBody: `message=${encodeURIComponent(message)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const block = (account: SeededAccount, clienteId: number, on: boolean) =>
  h.app.post('/me/manage-blocks', { apiKey: account.session, query: { cliente_id: clienteId, block: on ? '1' : '0' } });
const remove = (account: SeededAccount, chatAuth: string) => h.app.delete('/me/chats-session', { apiKey: account.session, query: { chat_auth: chatAuth } });

/** Her user item, as stored. */
const profileOf = async (id: number) => (await h.table.partition(`USER#${id}`)).find((item) => item.sk === 'PROFILE')!;
const chatIdOf = (chatAuth: string): string => JSON.parse(Buffer.from(chatAuth.split('.')[1], 'base64url').toString()).id;

/** The store module, pointed at the runtime's table (what the admin API will call). */
async function storeModule() {
  Object.assign(process.env, {
    TABLE_NAME: runtime.tableName('penhas'),
    SERVICE_NAME: 'penhas',
    PROVIDERS: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  return import('../../../functions/penhas/chats/store.ts');
}

describe('a chat between two users (060-chat.t)', () => {
  // The file's first test starts every chat function cold, seconds each on a busy machine: hence its longer bound.
  it('finds her by name, opens a chat, talks both ways with etags and pages, and stores only ciphertext', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    await h.table.put({ ...(await profileOf(ana.id)), apelido: `Conceição ${ana.id}` });
    // Ana uses the chats: she is listed in the search from then on.
    expect((await chats(ana)).status).toBe(200);

    const search = await h.app.get('/search-users', { apiKey: maria.session, query: { name: 'CONCEICAO', rows: 100 } });
    expect(search.status, search.text).toBe(200);
    const found = search.body.rows.find((row: { cliente_id: number }) => row.cliente_id === ana.id);
    expect(found).toMatchObject({ apelido: `Conceição ${ana.id}`, activity: 'online' });

    const profile = await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: ana.id } });
    expect(profile.status, profile.text).toBe(200);
    expect(profile.body).toMatchObject({ profile: { cliente_id: ana.id, apelido: `Conceição ${ana.id}`, minibio: '' }, is_myself: 0 });

    const opened = await open(maria, ana.id);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body.prefetch).toMatchObject({ messages: [], has_more: 0, meta: { can_send_message: 1, did_blocked: 0, is_blockable: 1 } });
    const mariaAuth: string = opened.body.chat_auth;
    const firstEtag = opened.body.prefetch.meta.last_msg_etag;

    const sent = await send(maria, mariaAuth, 'Oi <b>Ana</b>\ntudo bem?');
    // Escaped, and the line break as the original's nl2br shows it.
    const SHOWN = 'Oi &lt;b&gt;Ana&lt;/b&gt; <br/> &nbsp;&nbsp; tudo bem?';
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.prev_last_msg_etag).toBe(firstEtag);

    // Ana sees the chat in her list, with her own chat_auth for the same chat.
    const list = await chats(ana);
    expect(list.status, list.text).toBe(200);
    const row = list.body.rows.find((r: { other_apelido: string }) => r.other_apelido === `Maria ${maria.id}`);
    expect(row).toMatchObject({ last_message_is_me: 0, other_activity: 'online' });
    expect(list.body.support.chat_auth).toMatch(/^S/);
    expect(list.body.assistant.title).toBe('Assistente PenhaS');
    const anaAuth: string = row.chat_auth;
    expect(chatIdOf(anaAuth)).toBe(chatIdOf(mariaAuth));

    const read = await messages(ana, anaAuth);
    expect(read.status, read.text).toBe(200);
    expect(read.body.messages).toEqual([{ id: sent.body.id, message: SHOWN, is_me: 0, time: expect.stringMatching(/Z$/) }]);
    expect(read.body.meta.last_msg_etag).toBe(sent.body.last_msg_etag);
    expect(read.body.other).toMatchObject({ cliente_id: maria.id, apelido: `Maria ${maria.id}` });
    const newer = read.body.newer;

    const replies = [];
    for (const text of ['um', 'dois', 'três']) {
      const reply = await send(ana, anaAuth, text);
      expect(reply.status, reply.text).toBe(200);
      replies.push(reply.body);
    }
    expect(replies[1].prev_last_msg_etag).toBe(replies[0].last_msg_etag);

    // Only what came after the newer token, newest first, by pages of two.
    const fresh = await messages(maria, mariaAuth, { pagination: newer, rows: 2 });
    expect(fresh.body.messages.map((m: { message: string; is_me: number }) => [m.message, m.is_me])).toEqual([
      ['três', 0],
      ['dois', 0],
    ]);
    expect(fresh.body.has_more).toBe(1);
    const older = await messages(maria, mariaAuth, { pagination: fresh.body.older, rows: 2 });
    expect(older.body.messages.map((m: { message: string }) => m.message)).toEqual(['um', SHOWN]);
    expect(older.body.newer).toBeUndefined();
    expect((await messages(maria, mariaAuth, { pagination: fresh.body.newer })).body.messages).toEqual([]);

    // Stored sealed: no message's text is in the table.
    const stored = await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`);
    const sealed = stored.filter((item) => String(item.sk).startsWith('MSG#'));
    expect(sealed).toHaveLength(4);
    const dump = JSON.stringify(stored);
    for (const text of ['tudo bem', 'dois', 'três', 'Ana</b>']) expect(dump).not.toContain(text);
    for (const item of sealed) expect(String(item.message)).toMatch(/^v1\./);

    // The same pair opens the same chat.
    expect(chatIdOf((await open(ana, maria.id, false)).body.chat_auth)).toBe(chatIdOf(mariaAuth));
  }, 90_000);

  it('keeps every message of a burst from both sides, each at its own time, the etags a chain; marks them unread until read', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const mariaAuth = (await open(maria, ana.id, false)).body.chat_auth;
    const anaAuth = (await open(ana, maria.id, false)).body.chat_auth;
    const replies = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => (i % 2 ? send(maria, mariaAuth, `m${i}`) : send(ana, anaAuth, `a${i}`))));
    for (const reply of replies) expect(reply.status, reply.text).toBe(200);
    const stored = (await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`)).filter((item) => String(item.sk).startsWith('MSG#'));
    expect(new Set(stored.map((item) => item.created_at)).size).toBe(6);
    // Each message's previous etag is the one before it: one starts from the chat's opening, the rest follow.
    const lasts = new Set(replies.map((r) => r.body.last_msg_etag));
    expect(replies.filter((r) => !lasts.has(r.body.prev_last_msg_etag))).toHaveLength(1);
    const read = await messages(maria, mariaAuth, { rows: 10 });
    expect(read.body.messages).toHaveLength(6);
    expect(read.body.meta.last_msg_etag).toBe(
      replies.find((r) => ![...replies].some((o) => o.body.prev_last_msg_etag === r.body.last_msg_etag))?.body.last_msg_etag,
    );

    // The unread markers the notifications' schedule reads: set by the other's message, cleared by reading.
    expect((await h.table.partition(`USER#${maria.id}`)).some((item) => item.sk === `CHAT_PENDING#${ana.id}`)).toBe(false);
    expect((await h.table.partition(`USER#${ana.id}`)).some((item) => item.sk === `CHAT_PENDING#${maria.id}`)).toBe(true);
    await messages(ana, anaAuth);
    expect((await h.table.partition(`USER#${ana.id}`)).some((item) => item.sk === `CHAT_PENDING#${maria.id}`)).toBe(false);
  });

  it('lists her chats latest message first, a page at a time', async () => {
    const [maria, ...others] = await Promise.all([0, 1, 2].map(() => h.seedAccount()));
    for (const other of others) {
      const auth = (await open(other, maria.id, false)).body.chat_auth;
      expect((await send(other, auth, `oi de ${other.id}`)).status).toBe(200);
    }
    // A chat opened without messages is not listed.
    await open(maria, (await h.seedAccount()).id, false);
    const first = await h.app.get('/me/chats', { apiKey: maria.session, query: { rows: 1 } });
    expect(first.body.rows.map((r: { other_apelido: string }) => r.other_apelido)).toEqual([`Maria ${others[1].id}`]);
    expect(first.body).toMatchObject({ has_more: 1, next_page: expect.any(String) });
    const second = await h.app.get('/me/chats', { apiKey: maria.session, query: { rows: 1, next_page: first.body.next_page } });
    expect(second.body.rows.map((r: { other_apelido: string }) => r.other_apelido)).toEqual([`Maria ${others[0].id}`]);
    expect(second.body).toMatchObject({ has_more: 0, next_page: null });
  });

  it('refuses messages both ways while one blocks the other, and hides the chat from the list', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const mariaAuth = (await open(maria, ana.id, false)).body.chat_auth;
    expect((await send(maria, mariaAuth, 'olá')).status).toBe(200);
    const anaAuth = (await open(ana, maria.id, false)).body.chat_auth;

    expect((await block(ana, maria.id, true)).status).toBe(204);
    const refused = await send(maria, mariaAuth, 'por favor');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'blocked', message: 'Você não pode enviar mensagens nesta conversa.' });
    const own = await send(ana, anaAuth, 'tchau');
    expect(own.body).toMatchObject({ error: 'remove_block_to_send_message', message: 'Para enviar mensagens nesta conversa, desbloquei o outro usuário.' });
    expect((await messages(ana, anaAuth)).body.meta).toMatchObject({ can_send_message: 0, did_blocked: 1 });
    expect((await messages(maria, mariaAuth)).body.meta).toMatchObject({ can_send_message: 0, did_blocked: 0 });
    expect((await chats(maria)).body.rows).toEqual([]);
    const stored = await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`);
    expect(stored.filter((item) => String(item.sk).startsWith('MSG#'))).toHaveLength(1);

    expect((await block(ana, maria.id, false)).status).toBe(204);
    expect((await send(maria, mariaAuth, 'de novo')).status).toBe(200);
    expect((await chats(ana)).body.rows).toHaveLength(1);
    expect((await block(ana, ana.id, true)).body.error).toBe('cannot_block_yourself');
  });

  it('deletes a chat for both; opening again starts a new, empty one', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const mariaAuth = (await open(maria, ana.id, false)).body.chat_auth;
    await send(maria, mariaAuth, 'vai sumir');
    const anaAuth = (await open(ana, maria.id, false)).body.chat_auth;
    expect((await remove(ana, anaAuth)).status).toBe(204);
    expect((await messages(maria, mariaAuth)).body.error).toBe('chat_session_not_found');
    expect(await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`)).toEqual([]);
    const again = await open(maria, ana.id);
    expect(again.body.prefetch.messages).toEqual([]);
    expect(chatIdOf(again.body.chat_auth)).not.toBe(chatIdOf(mariaAuth));
  });

  it('opens no chat with herself or with an account that is not active', async () => {
    const [maria, gone] = await Promise.all([h.seedAccount(), h.seedAccount({ status: 'deleted_scheduled' })]);
    expect((await open(maria, maria.id)).body.error).toBe('cannot_message_yourself');
    const reply = await open(maria, gone.id);
    expect(reply.status).toBe(404);
    expect(reply.body.error).toBe('item_not_found');
    expect((await open(maria, 987654321)).status).toBe(404);
  });
});

describe('who may read and write a chat', () => {
  it('answers the original error to someone else’s chat_auth, a forged one, and another user’s support token', async () => {
    const [maria, ana, mallory] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
    const mariaAuth = (await open(maria, ana.id, false)).body.chat_auth;
    await send(maria, mariaAuth, 'só nossa');
    const reload = 'Recarregue o app, conversa não pode ser aberta.';

    const stolen = await messages(mallory, mariaAuth);
    expect(stolen.status).toBe(400);
    expect(stolen.body).toMatchObject({ error: 'chat_auth_invalid_user', message: reload });
    expect((await send(mallory, mariaAuth, 'intrusa')).body.error).toBe('chat_auth_invalid_user');
    expect((await remove(mallory, mariaAuth)).body.error).toBe('chat_auth_invalid_user');

    // Her own token's claims with another signature: not a chat_auth at all.
    const [header, payload] = mariaAuth.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, u: mallory.id })).toString('base64url'), 'AAAA'].join('.');
    expect((await messages(mallory, forged)).body).toMatchObject({ error: 'chat_auth_invalid', message: reload });
    expect((await send(mallory, 'x.y.z', 'oi')).body.error).toBe('chat_auth_invalid');

    const anaSupport = (await chats(ana)).body.support.chat_auth;
    expect((await messages(mallory, anaSupport)).body).toMatchObject({ error: 'chat_auth_invalid', message: reload });
    expect((await send(mallory, anaSupport, 'oi')).body.error).toBe('chat_auth_invalid');

    // Nothing changed: still one message, the chat still there.
    const stored = await h.table.partition(`CHAT#${chatIdOf(mariaAuth)}`);
    expect(stored.filter((item) => String(item.sk).startsWith('MSG#'))).toHaveLength(1);
  });

  it('shows profiles and the search only to accounts with the private chats, and only listable women', async () => {
    const [maria, man, hidden] = await Promise.all([h.seedAccount(), h.seedAccount({ genero: 'Masculino' }), h.seedAccount({ modo_anonimo_ativo: 1 })]);
    const denied = await h.app.get('/profile', { apiKey: man.session, query: { cliente_id: maria.id } });
    expect(denied.status).toBe(400);
    expect(denied.body).toMatchObject({ error: 'form_error', message: 'Seu perfil não tem permissão para utilizar este recurso.' });
    expect((await h.app.get('/search-users', { apiKey: man.session })).status).toBe(400);
    expect((await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: hidden.id } })).body.error).toBe('item_not_found');
    expect((await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: man.id } })).status).toBe(404);
    expect((await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: maria.id } })).body.is_myself).toBe(1);
  });

  it('searches by name prefix a page at a time, without herself, blocked users or anonymous ones, and by skills', async () => {
    const tag = `Zuleíde${Math.floor(Math.random() * 1e6)}`;
    const accounts = await Promise.all([0, 1, 2, 3, 4].map(() => h.seedAccount()));
    const [maria, ...others] = accounts;
    for (const [i, account] of accounts.entries()) {
      await h.table.put({ ...(await profileOf(account.id)), apelido: `${tag} ${i}`, skills: i === 2 ? [1] : [], modo_anonimo_ativo: i === 4 ? 1 : 0 });
      expect((await chats(account)).status).toBe(200);
    }
    await block(others[2], maria.id, true);
    const search = (query: Record<string, string | number>) => h.app.get('/search-users', { apiKey: maria.session, query });
    const first = await search({ name: tag.toLowerCase().replace('í', 'i'), rows: 1 });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ has_more: 1, next_page: expect.any(String) });
    const second = await search({ name: tag, rows: 1, next_page: first.body.next_page });
    const third = await search({ name: tag, rows: 1, next_page: second.body.next_page });
    const ids = [first, second, third].flatMap((page) => page.body.rows.map((row: { cliente_id: number }) => row.cliente_id));
    // Herself, the one who blocked her and the anonymous one are never listed.
    expect(ids).toEqual([others[0].id, others[1].id]);
    expect(third.body).toMatchObject({ rows: [], has_more: 0, next_page: null });
    const skilled = await search({ name: tag, skills: '1' });
    expect(skilled.body.rows.map((row: { cliente_id: number; skills: string }) => [row.cliente_id, row.skills])).toEqual([[others[1].id, 'Advogada']]);
  });

  it('finds a woman from her sign-up on, and by a nickname changed through PUT /me at once, before she ever opens the chats', async () => {
    const maria = await h.seedAccount();
    const signup = await h.app.post('/signup', {
      ip: freshIp(),
      query: {
        dry: 0,
        nome_completo: 'Joana Pereira Santos',
        dt_nasc: '1978-01-30',
        cpf: '93541134780',
        cep: '70040010',
        email: 'joana.santos@example.com',
        senha: 'Caminho-seguro-7',
        genero: 'Feminino',
        raca: 'branco',
        apelido: 'Joaninha Azul',
        app_version: 'test',
      },
    });
    expect(signup.status, signup.text).toBe(200);
    const byNickname = async (name: string) =>
      (await h.app.get('/search-users', { apiKey: maria.session, query: { name, rows: 10 } })).body.rows.map((row: { apelido: string }) => row.apelido);
    expect(await byNickname('Joaninha')).toEqual(['Joaninha Azul']);

    const put = await h.app.put('/me', { apiKey: signup.body.session, query: { apelido: 'Joana Girassol' } });
    expect(put.status, put.text).toBe(200);
    expect(await byNickname('Joana Gir')).toEqual(['Joana Girassol']);
    expect(await byNickname('Joaninha')).toEqual([]);
  });

  it('answers bad input with 4xx in the PenhaS format', async () => {
    const maria = await h.seedAccount();
    const missing = await h.app.get('/me/chats-messages', { apiKey: maria.session });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'chat_auth', reason: 'is_required' });
    expect((await h.app.post('/me/chats-session', { apiKey: maria.session, query: { cliente_id: 'abc' } })).body).toMatchObject({
      field: 'cliente_id',
      reason: 'invalid',
    });
    expect((await h.app.post('/me/manage-blocks', { apiKey: maria.session, query: { cliente_id: 1, block: 'x' } })).body).toMatchObject({ field: 'block' });
    const support = (await chats(maria)).body.support.chat_auth;
    expect((await h.app.post('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: support } })).body).toMatchObject({
      field: 'message',
      reason: 'is_required',
    });
    expect((await messages(maria, support, { pagination: 'nonsense' })).body.error).toBe('pagination');
    expect((await h.app.get('/search-users', { apiKey: maria.session, query: { name: 'a' } })).body).toMatchObject({ field: 'name' });
    expect((await h.app.get('/me/chats', { apiKey: maria.session, query: { next_page: 'nonsense' } })).status).toBe(400);
  });
});

describe('the support chat (070-chat-support.t)', () => {
  it('stores her messages, shows an admin’s answer, pages both ways and clears', async () => {
    const maria = await h.seedAccount();
    const { answerSupportChat } = await storeModule();
    const list = await chats(maria);
    const support: string = list.body.support.chat_auth;
    expect(support).toBe(`S${String((await profileOf(maria.id)).cpf_hash).slice(0, 4)}`);
    expect(list.body.support).toMatchObject({ other_apelido: 'Suporte PenhaS', last_message_is_me: 0 });

    const first = await messages(maria, support);
    expect(first.status, first.text).toBe(200);
    expect(first.body.meta).toMatchObject({ can_send_message: 1, did_blocked: 0, is_blockable: 0 });
    expect(first.body.other.activity).toMatch(/48h/);
    const newer = first.body.newer;

    const zero = await send(maria, support, '0');
    expect(zero.status, zero.text).toBe(200);
    expect(zero.body.id).toEqual(expect.any(Number));

    const reply = `reply from support ${Math.random()}`;
    await answerSupportChat(maria.id, 'admin-1', reply);
    const fresh = await messages(maria, support, { pagination: newer });
    expect(fresh.body.messages.map((m: { message: string; is_me: number }) => [m.message, m.is_me])).toEqual([
      [reply, 0],
      ['0', 1],
    ]);
    const none = await messages(maria, support, { pagination: fresh.body.newer });
    expect(none.body.messages).toEqual([]);
    expect(none.body.newer).toEqual(expect.any(String));
    expect((await chats(maria)).body.support.last_message_is_me).toBe(0);

    for (const i of [1, 2, 3]) expect((await send(maria, support, `Num ${i}`)).status).toBe(200);
    const two = await messages(maria, support, { pagination: none.body.newer, rows: 2 });
    expect(two.body.messages.map((m: { message: string }) => m.message)).toEqual(['Num 3', 'Num 2']);
    expect(two.body).toMatchObject({ has_more: 1, newer: expect.any(String), older: expect.any(String) });
    const back = await messages(maria, support, { pagination: two.body.older, rows: 2 });
    expect(back.body.messages.map((m: { message: string }) => m.message)).toEqual(['Num 1', reply]);
    expect(back.body.newer).toBeUndefined();
    const last = await messages(maria, support, { pagination: back.body.older, rows: 2 });
    expect(last.body.messages.map((m: { message: string }) => m.message)).toEqual(['0']);
    expect(last.body).toMatchObject({ has_more: 0 });
    expect(last.body.older).toBeUndefined();

    expect((await remove(maria, support)).status).toBe(204);
    expect((await messages(maria, support)).body.messages).toEqual([]);
  });

  it('leaves the unread marker for the notifications when the support answers, and clears it when she reads', async () => {
    const maria = await h.seedAccount();
    const { answerSupportChat, pendingChatMessagesBefore } = await storeModule();
    await answerSupportChat(maria.id, 'admin-1', 'olá');
    expect((await h.table.partition(`USER#${maria.id}`)).some((item) => item.sk === 'CHAT_PENDING#-1')).toBe(true);
    // The unread-chat schedule finds it once it is old enough, not before.
    const inFiveMinutes = new Date(Date.now() + 5 * 60_000);
    expect((await pendingChatMessagesBefore(inFiveMinutes)).filter((p) => p.cliente_id === maria.id)).toEqual([
      expect.objectContaining({ cliente_id: maria.id, pending_message_cliente_id: -1 }),
    ]);
    expect((await pendingChatMessagesBefore(new Date(Date.now() - 5 * 60_000))).filter((p) => p.cliente_id === maria.id)).toEqual([]);
    const support = (await chats(maria)).body.support.chat_auth;
    await messages(maria, support);
    expect((await h.table.partition(`USER#${maria.id}`)).some((item) => item.sk === 'CHAT_PENDING#-1')).toBe(false);
    await expect(answerSupportChat(987654321, 'admin-1', 'ninguém')).rejects.toThrow();
  });
});
