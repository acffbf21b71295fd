/**
 * The admin API through the gateway, as a back-office client calls it:
 * sign-in of the admin the seed created from settings, the separation of admin
 * and app credentials, the support chat answered from the queue, suggestions
 * reviewed into support points, content edited where the app reads it, and the
 * audit row each action (a sign-in, reading her support chat) leaves.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';
import { idBlock, writeCategory } from '../points/point-fixtures.ts';
import { AdminClient, FIRST_ADMIN } from './admin-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
/** Journeys through several routes: each route's first call starts its function, slow on a busy machine. */
const JOURNEY_MS = 120_000;
const h = penhasHarness(runtime);
const admin = new AdminClient(h);

let token: string;
beforeAll(async () => {
  token = await admin.token();
});

describe('POST /admin/login', () => {
  it('signs in the first admin, created by the seed from the settings, with a 12-hour token', async () => {
    const reply = await admin.login(FIRST_ADMIN.email, FIRST_ADMIN.senha);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ ok: 1, name: 'Admin', token: expect.any(String), expires_in: 43_200 });
    const claims = JSON.parse(Buffer.from(reply.body.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ typ: 'adm', iss: 'penhas-admin' });
    expect(claims.exp - claims.iat).toBe(43_200);
    const [signIn] = await admin.auditOf(reply.body.token, 'admin', claims.sub);
    expect(signIn).toMatchObject({ action: 'admin.login', admin_email: FIRST_ADMIN.email, facts: { ip: expect.any(String) } });
  });

  it('answers wrongpassword for a wrong password, an unknown e-mail and an inactive admin alike', async () => {
    const inactive = await admin.seedAdmin({ status: 'inactive' });
    for (const [email, senha] of [
      [FIRST_ADMIN.email, 'not-the-password'],
      ['nobody@penhas.local', FIRST_ADMIN.senha],
      [inactive.email, inactive.senha],
    ]) {
      const reply = await admin.login(email, senha);
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        error: 'wrongpassword',
        message: 'E-mail ou senha inválido, ou não você está sem permissão para logar.',
        field: 'password',
        reason: 'invalid',
      });
    }
  });

  it('allows 3 sign-ins a minute from one address', async () => {
    const ip = freshIp();
    const attempt = () => h.app.post('/admin/login', { json: { email: FIRST_ADMIN.email, senha: 'wrong-password' }, ip });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(400);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too_many_requests');
  });

  it('refuses a missing field in the PenhaS error format', async () => {
    const reply = await admin.post('/admin/login', { json: { email: FIRST_ADMIN.email } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'senha', reason: 'is_required' });
  });
});

describe('admin and app credentials', () => {
  it('refuses admin routes without a token, with an app session (in either header) and with a token signed by the session key', async () => {
    const maria = await h.seedAccount();
    expect((await admin.get('/admin/audit')).status).toBe(401);
    expect((await admin.get('/admin/audit')).body.error).toBe('missing_jwt');
    const asBearer = await admin.get('/admin/audit', { token: maria.session });
    expect([asBearer.status, asBearer.body.error]).toEqual([401, 'invalid_admin_token']);
    const asApiKey = await h.app.get('/admin/audit', { apiKey: maria.session });
    expect([asApiKey.status, asApiKey.body.error]).toEqual([401, 'missing_jwt']);
    // Someone holding the session key cannot mint an admin token either.
    const forged = await new SignJWT({ sub: 'x', typ: 'adm' })
      .setProtectedHeader({ alg: 'HS384' })
      .setIssuer('penhas-admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('local-session-key-0123456789abcdef0123456789abcdef'));
    expect((await admin.get('/admin/audit', { token: forged })).body.error).toBe('invalid_admin_token');
  });

  it('refuses app routes with an admin token', async () => {
    const asApiKey = await h.app.get('/me', { apiKey: token });
    expect([asApiKey.status, asApiKey.body.error]).toEqual([400, 'expired_jwt']);
    const asBearer = await h.app.get('/me', { headers: { authorization: `Bearer ${token}` } });
    expect([asBearer.status, asBearer.body.error]).toEqual([401, 'missing_jwt']);
  });

  it('ends a token at logout, leaving the admin’s other sessions alone', async () => {
    const [first, second] = [await admin.token(), await admin.token()];
    expect((await admin.post('/admin/logout', { token: first })).status).toBe(204);
    const after = await admin.get('/admin/audit', { token: first });
    expect([after.status, after.body.error]).toEqual([403, 'permission_denied']);
    expect((await admin.get('/admin/audit', { token: second })).status).toBe(200);
  });

  it('stops honouring the token of an admin made inactive', async () => {
    const other = await admin.seedAdmin();
    const otherToken = await admin.token({ email: other.email, senha: other.senha });
    expect((await admin.get('/admin/audit', { token: otherToken })).status).toBe(200);
    await h.table.put({ ...(await h.table.partition(`ADMIN#${other.id}`))[0], status: 'inactive' });
    const reply = await admin.get('/admin/audit', { token: otherToken });
    expect([reply.status, reply.body.error]).toEqual([403, 'permission_denied']);
  });
});

describe('the support chat', () => {
  const supportAuth = async (account: SeededAccount) => (await h.app.get('/me/chats', { apiKey: account.session })).body.support.chat_auth as string;
  const sendToSupport = (account: SeededAccount, chatAuth: string, message: string) =>
    h.app.post('/me/chats-messages', { apiKey: account.session, query: { chat_auth: chatAuth }, rawBody: `message=${encodeURIComponent(message)}` });
  const queue = async (state: 'waiting' | 'answered') =>
    (await admin.get('/admin/support-chats', { token, query: { state, rows: 100 } })).body.rows as { cliente_id: number; last_msg_preview: string }[];

  it(
    'lists her chat as waiting, shows her messages, and sends the answer she reads in the app',
    async () => {
      const maria = await h.seedAccount();
      const chatAuth = await supportAuth(maria);
      expect((await sendToSupport(maria, chatAuth, 'preciso de ajuda')).status).toBe(200);

      const waiting = (await queue('waiting')).find((row) => row.cliente_id === maria.id);
      expect(waiting).toMatchObject({ apelido: maria.user.apelido, last_msg_preview: 'preciso de ajuda', last_msg_is_support: 0 });

      const read = await admin.get(`/admin/support-chats/${maria.id}/messages`, { token });
      expect(read.status, read.text).toBe(200);
      expect(read.body.messages.map((m: { message: string; is_support: number }) => [m.message, m.is_support])).toContainEqual(['preciso de ajuda', 0]);

      const answer = await admin.post(`/admin/support-chats/${maria.id}/messages`, { token, json: { message: 'estamos aqui' } });
      expect(answer.status, answer.text).toBe(200);

      const inApp = await h.app.get('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: chatAuth } });
      expect(inApp.body.messages[0]).toMatchObject({ message: 'estamos aqui', is_me: 0 });
      expect((await queue('waiting')).some((row) => row.cliente_id === maria.id)).toBe(false);
      expect((await queue('answered')).some((row) => row.cliente_id === maria.id)).toBe(true);

      const [answered, readRow] = await admin.auditOf(token, 'cliente', maria.id);
      expect(answered).toMatchObject({ action: 'support_chat.answer', admin_email: FIRST_ADMIN.email, facts: { message_id: answer.body.id, length: 12 } });
      expect(readRow).toMatchObject({ action: 'support_chat.read', admin_email: FIRST_ADMIN.email });
      expect(JSON.stringify([answered, readRow])).not.toContain('estamos aqui');
    },
    JOURNEY_MS,
  );

  it(
    'pages her messages with a signed cursor that names no message and serves no other chat',
    async () => {
      const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      for (const account of [maria, ana]) {
        const chatAuth = await supportAuth(account);
        for (const text of ['um', 'dois', 'três']) expect((await sendToSupport(account, chatAuth, `${text} ${account.id}`)).status).toBe(200);
      }
      const read = (id: number, query: Record<string, string | number>) => admin.get(`/admin/support-chats/${id}/messages`, { token, query });

      const first = await read(maria.id, { rows: 2 });
      expect(first.status, first.text).toBe(200);
      expect(first.body.messages.map((m: { message: string }) => m.message)).toEqual([`três ${maria.id}`, `dois ${maria.id}`]);
      expect(first.body).toMatchObject({ has_more: 1, next_page: expect.any(String) });
      expect(first.body.next_page).not.toContain('SUPPORT_MSG');
      const second = await read(maria.id, { rows: 2, next_page: first.body.next_page });
      expect(second.body.messages.map((m: { message: string }) => m.message)).toEqual([`um ${maria.id}`]);
      expect(second.body).toMatchObject({ has_more: 0, next_page: null });

      // Her cursor on another woman's chat, a forged one, and a raw message key are refused.
      for (const next_page of [
        first.body.next_page,
        `${first.body.next_page.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`,
        'SUPPORT_MSG#2099-01-01T00:00:00.000Z#000000001',
      ]) {
        const refused = await read(ana.id, { rows: 2, next_page });
        expect([refused.status, refused.body.error, refused.body.field]).toEqual([400, 'form_error', 'next_page']);
      }
    },
    JOURNEY_MS,
  );

  it('answers 404 for an account that does not exist, writing nothing', async () => {
    const reply = await admin.post('/admin/support-chats/987654321/messages', { token, json: { message: 'oi' } });
    expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
    expect(await h.table.partition('USER#987654321')).toEqual([]);
  });
});

describe('suggested support points', () => {
  const categoria = idBlock() + 1;
  let maria: SeededAccount;
  beforeAll(async () => {
    await writeCategory(h.table, categoria, 'Categoria do admin', '#123456');
    maria = await h.seedAccount();
  });

  const suggest = async (nome: string) => {
    const reply = await h.app.post('/me/sugerir-pontos-de-apoio-completo', {
      apiKey: maria.session,
      form: {
        nome,
        categoria,
        nome_logradouro: 'Avenida Paulista',
        abrangencia: 'local',
        numero: '1000',
        bairro: 'Bela Vista',
        municipio: 'São Paulo',
        uf: 'SP',
        ddd1: 11,
        telefone1: 33334444,
        is24h: 'Sim',
      },
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.id as number;
  };
  const suggestionItem = async (id: number) =>
    (await h.table.partition(`USER#${maria.id}`)).find((item) => item.sk === `PA_SUGGESTION#${String(id).padStart(9, '0')}`);

  it('lists the suggestions awaiting review, newest first', async () => {
    const first = await suggest('Primeiro ponto');
    const second = await suggest('Segundo ponto');
    const rows = (await admin.get('/admin/point-suggestions', { token })).body.rows as { id: number; cliente_id: number; nome: string }[];
    const mine = rows.filter((row) => row.cliente_id === maria.id).map((row) => row.id);
    expect(mine.indexOf(second)).toBeLessThan(mine.indexOf(first));
  });

  it(
    'approves a suggestion into a support point the app finds at once, with the suggestion marked and the action audited',
    async () => {
      const id = await suggest('Centro de Apoio Aprovado');
      const reply = await admin.post(`/admin/point-suggestions/${maria.id}/${id}/approve`, {
        token,
        json: { latitude: -23.5613, longitude: -46.6565, natureza: 'publico', tipo_logradouro: 'Avenida', cep: '01310100' },
      });
      expect(reply.status, reply.text).toBe(200);
      const pointId = reply.body.ponto_apoio_id as number;

      const detail = await h.app.get(`/pontos-de-apoio/${pointId}`);
      expect(detail.status, detail.text).toBe(200);
      expect(detail.body.ponto_apoio).toMatchObject({ nome: 'Centro de Apoio Aprovado', eh_24h: 1, bairro: 'Bela Vista' });

      expect(await suggestionItem(id)).toMatchObject({ status: 'approved', ponto_apoio_id: pointId });
      const [audit] = await admin.auditOf(token, 'point_suggestion', `${maria.id}:${id}`);
      expect(audit).toMatchObject({ action: 'point_suggestion.approve', facts: { ponto_apoio_id: pointId } });

      const again = await admin.post(`/admin/point-suggestions/${maria.id}/${id}/approve`, { token, json: { latitude: 0, longitude: 0 } });
      expect([again.status, again.body.error]).toEqual([400, 'suggestion_reviewed']);
    },
    JOURNEY_MS,
  );

  it('refuses an approval whose point would be invalid, leaving the suggestion awaiting review', async () => {
    const id = await suggest('Ponto sem lugar');
    const reply = await admin.post(`/admin/point-suggestions/${maria.id}/${id}/approve`, {
      token,
      json: { latitude: 200, longitude: -46.6, natureza: 'publico', tipo_logradouro: 'Rua', cep: '01310100' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'latitude' });
    expect(await suggestionItem(id)).toMatchObject({ status: 'awaiting-moderation' });
  });

  it('rejects a suggestion, keeping the reason', async () => {
    const id = await suggest('Ponto rejeitado');
    const reply = await admin.post(`/admin/point-suggestions/${maria.id}/${id}/reject`, { token, json: { motivo: 'duplicado' } });
    expect(reply.status, reply.text).toBe(204);
    expect(await suggestionItem(id)).toMatchObject({ status: 'rejected', review_reason: 'duplicado' });
    const rejected = (await admin.get('/admin/point-suggestions', { token, query: { status: 'rejected' } })).body.rows as { id: number }[];
    expect(rejected.map((row) => row.id)).toContain(id);
  });

  it('answers 404 for a suggestion that does not exist', async () => {
    const reply = await admin.post(`/admin/point-suggestions/${maria.id}/999999/reject`, { token, json: {} });
    expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
  });
});

describe('content', () => {
  it('replaces a web page the app opens', async () => {
    const reply = await admin.put('/admin/web-pages/termos-de-uso', { token, json: { title: 'Termos de uso', html: '<p>Texto aprovado em 2026.</p>' } });
    expect(reply.status, reply.text).toBe(204);
    const page = await h.app.get('/web/termos-de-uso', { headers: { accept: 'text/html' } });
    expect(page.text).toContain('Texto aprovado em 2026.');
    expect((await admin.auditOf(token, 'web_page', 'termos-de-uso'))[0]).toMatchObject({ action: 'web_page.update' });
  });

  it(
    'writes a support point: created, edited (ratings kept), then taken off the app',
    async () => {
      const categoria = idBlock() + 2;
      await writeCategory(h.table, categoria, 'Categoria editada', null);
      const id = 900_000 + Math.floor(Math.random() * 90_000);
      const fields = {
        status: 'active',
        nome: 'Casa da Mulher',
        sigla: null,
        natureza: 'publico',
        categoria,
        descricao: null,
        tipo_logradouro: 'Rua',
        nome_logradouro: 'Rua Augusta',
        numero: 10,
        numero_sem_numero: 0,
        complemento: null,
        bairro: 'Consolação',
        municipio: 'São Paulo',
        uf: 'SP',
        cep: '01305000',
        ddd: 11,
        telefone1: 30001000,
        telefone2: null,
        ramal1: null,
        ramal2: null,
        email: null,
        eh_24h: 0,
        eh_whatsapp: 0,
        horario_inicio: '08:00',
        horario_fim: '18:00',
        dias_funcionamento: 'dias_uteis',
        eh_presencial: 1,
        eh_online: 0,
        funcionamento_pandemia: 0,
        observacao_pandemia: null,
        ja_passou_por_moderacao: 1,
        observacao: null,
        latitude: -23.555,
        longitude: -46.655,
        abrangencia: 'Local',
        cod_ibge: null,
        projetos: [],
      };
      const created = await admin.put(`/admin/points/${id}`, { token, json: fields });
      expect(created.status, created.text).toBe(200);
      expect(created.body).toEqual({ id, created: 1 });

      const maria = await h.seedAccount();
      expect((await h.app.post(`/me/avaliar-pontos-de-apoio`, { apiKey: maria.session, query: { ponto_apoio_id: id, rating: 4 } })).status).toBe(204);

      const edited = await admin.put(`/admin/points/${id}`, { token, json: { ...fields, nome: 'Casa da Mulher Paulista' } });
      expect(edited.body).toEqual({ id, created: 0 });
      const detail = await h.app.get(`/pontos-de-apoio/${id}`);
      expect(detail.body.ponto_apoio).toMatchObject({ nome: 'Casa da Mulher Paulista', avaliacao: '4,0' });

      await admin.put(`/admin/points/${id}`, { token, json: { ...fields, status: 'inactive' } });
      expect((await h.app.get(`/pontos-de-apoio/${id}`)).status).toBe(404);
      expect((await admin.auditOf(token, 'ponto_apoio', id)).map((row) => row.action)).toEqual(['point.update', 'point.update', 'point.create']);
    },
    JOURNEY_MS,
  );

  it('refuses a point with an unknown category', async () => {
    const reply = await admin.put('/admin/points/999001', {
      token,
      json: { nome: 'x' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('form_error');
  });

  it('writes a news feed, keeping when it is next due', async () => {
    const id = 500 + Math.floor(Math.random() * 400);
    const feed = { url: 'https://example.org/feed.xml', fonte: 'Exemplo', autocapitalize: 0, status: 'active', tags: [1] };
    expect((await admin.put(`/admin/news-feeds/${id}`, { token, json: feed })).body).toEqual({ id, created: 1 });
    const key = { pk: 'NEWS_FEED', sk: `FEED#${String(id).padStart(6, '0')}` };
    await h.table.put({ ...key, ...feed, id, next_tick: '2030-01-01T00:00:00.000Z' });
    expect((await admin.put(`/admin/news-feeds/${id}`, { token, json: { ...feed, status: 'paused' } })).body).toEqual({ id, created: 0 });
    const stored = (await h.table.partition('NEWS_FEED')).find((item) => item.sk === key.sk);
    expect(stored).toMatchObject({ status: 'paused', next_tick: '2030-01-01T00:00:00.000Z' });
  });

  it('replaces a questionnaire, and answers 404 for one that does not exist', async () => {
    const items = await h.table.partition('QUIZ_CONTENT');
    const existing = items.find((item) => item.kind === 'questionnaire')!.questionnaire as Record<string, unknown> & { id: number };
    const { id, ...body } = existing;
    const reply = await admin.put(`/admin/questionnaires/${id}`, { token, json: { ...body, name: `${body.name} (revisado)` } });
    expect(reply.status, reply.text).toBe(204);
    const stored = (await h.table.partition('QUIZ_CONTENT')).find((item) => (item.questionnaire as { id?: number } | undefined)?.id === id);
    expect(stored?.questionnaire).toMatchObject({ name: `${body.name} (revisado)` });
    expect((await admin.put('/admin/questionnaires/999999', { token, json: body })).status).toBe(404);
  });
});

describe('GET /admin/audit', () => {
  it('lists every action newest first, page by page', async () => {
    await admin.put('/admin/web-pages/faq-contato', { token, json: { title: 'Contato', html: '<p>1</p>' } });
    await admin.put('/admin/web-pages/faq-contato', { token, json: { title: 'Contato', html: '<p>22</p>' } });
    const first = await admin.get('/admin/audit', { token, query: { rows: 1 } });
    expect(first.body).toMatchObject({ has_more: 1, next_page: expect.any(String) });
    expect(first.body.rows[0]).toMatchObject({ action: 'web_page.update', object_id: 'faq-contato', facts: { length: 9 }, admin_email: FIRST_ADMIN.email });
    const second = await admin.get('/admin/audit', { token, query: { rows: 1, next_page: first.body.next_page } });
    expect(second.body.rows[0]).toMatchObject({ object_id: 'faq-contato', facts: { length: 8 } });
    expect(second.body.rows[0].at <= first.body.rows[0].at).toBe(true);
  });
});
