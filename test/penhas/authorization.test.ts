/**
 * The PenhaS authorization matrix: every route and queue consumer whose
 * declaration names object ids (`objectIds`) has a row here, keyed by its
 * function id (`<feature folder>-<handler file>`). Each row runs the entry as
 * the object's owner (allowed) and as someone else (denied as the contract
 * says, the object unchanged), or, for objects public by design, shows a
 * stranger gets no more than that. An entry with ids and no row fails the
 * first test, by name.
 *
 * One section per feature; each feature adds its rows to its own section.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import penhas from '../../functions/penhas/service.ts';
import { functionsOf, type ObjectId, type ServiceFunction } from '../../shared/manifest.ts';
import { eventually } from '../support/eventually.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { ADTS_3S, newEventId, redeliverAnalysis, storedEvent, storedRecordings, uploadPart } from './audios/audio-fixtures.ts';
import { adminMatrixRows } from './admin/admin-matrix.ts';
import { freshIp, penhasHarness, type SeededAccount } from './app-client.ts';
import { newInviteToken } from '../../functions/penhas/guardians/invite-token.ts';
import { seedGuardians } from './guardians/guardian-fixtures.ts';
import { idBlock, point, writeCategory, writePoint } from './points/point-fixtures.ts';

interface MatrixRow {
  /** Who may act on the entry's objects, in the product's terms. */
  rule: string;
  /** Runs the entry as the objects' owner: allowed. */
  owner(): Promise<void>;
  /** Runs it as someone else: denied, nothing changed; or, when public, no more than the owner gets. */
  other(): Promise<void>;
}

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

/** An item of the account's partition, as stored. */
const stored = async (account: SeededAccount, sk: string) => (await h.table.partition(`USER#${account.id}`)).find((item) => item.sk === sk);
const sessionsOf = async (account: SeededAccount) =>
  (await h.table.partition(`USER#${account.id}`))
    .filter((item) => String(item.sk).startsWith('SESSION#'))
    .map((item) => item.sk)
    .sort();

const login = (email: string, senha: string) => h.app.post('/login', { query: { app_version: '1' }, rawBody: `email=${email}&senha=${senha}`, ip: freshIp() });
const requestReset = (email: string) => h.app.post('/reset-password/request-new', { query: { email, app_version: '1' }, ip: freshIp() });

// ---- accounts: login, password reset ----

const accounts: Record<string, MatrixRow> = {
  'accounts-login': {
    rule: 'a session for an account is opened only with its password',
    async owner() {
      const victim = await h.seedAccount();
      expect((await login(victim.email, victim.password)).status).toBe(200);
    },
    async other() {
      const [victim, mallory] = await Promise.all([h.seedAccount(), h.seedAccount({ password: 'Senha-da-mallory-1' })]);
      const before = { sessions: await sessionsOf(victim), hash: (await stored(victim, 'PROFILE'))?.password_hash };
      const reply = await login(victim.email, mallory.password);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('wrongpassword');
      expect({ sessions: await sessionsOf(victim), hash: (await stored(victim, 'PROFILE'))?.password_hash }).toEqual(before);
    },
  },
  'accounts-request-password-reset': {
    rule: 'anyone may ask for an account’s reset code; it goes only to the account’s own address',
    async owner() {
      const victim = await h.seedAccount();
      expect((await requestReset(victim.email)).status).toBe(200);
      await runtime.outbox.waitFor({ channel: 'email', to: victim.email }, 15_000);
    },
    async other() {
      const [victim, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const reply = await requestReset(victim.email);
      expect(reply.status).toBe(200);
      // The answer holds no code, and the code went to the victim's address, not the asker's.
      expect(Object.keys(reply.body).sort()).toEqual(['digits', 'message', 'min_ttl_retry', 'ttl']);
      await runtime.outbox.waitFor({ channel: 'email', to: victim.email }, 15_000);
      await runtime.queues.drained('penhas-email');
      expect(runtime.outbox.list({ channel: 'email', to: mallory.email })).toEqual([]);
    },
  },
  'accounts-write-new-password': {
    rule: 'an account’s password is reset only with the code e-mailed to it',
    async owner() {
      const victim = await h.seedAccount();
      const since = new Date().toISOString();
      await requestReset(victim.email);
      const mail = await runtime.outbox.waitFor({ channel: 'email', to: victim.email, since }, 15_000);
      const token = /código (\d{6}) /.exec((mail.payload as { text: string }).text)![1];
      const reply = await h.app.post('/reset-password/write-new', { query: { email: victim.email, token, dry: 0, senha: 'Nova-senha-1' }, ip: freshIp() });
      expect(reply.body).toEqual({ success: 1 });
    },
    async other() {
      const victim = await h.seedAccount();
      await requestReset(victim.email);
      await runtime.outbox.waitFor({ channel: 'email', to: victim.email }, 15_000);
      // Without the e-mail, a guess: one that is surely not the code.
      const code = (await stored(victim, 'PASSWORD_RESET'))?.codeHash;
      const guess = ['000000', '111111'].find((candidate) => createHash('sha256').update(candidate).digest('hex') !== code);
      const before = { profile: await stored(victim, 'PROFILE'), sessions: await sessionsOf(victim) };
      const reply = await h.app.post('/reset-password/write-new', {
        query: { email: victim.email, token: guess, dry: 0, senha: 'Nova-senha-1' },
        ip: freshIp(),
      });
      expect(reply.body.error).toBe('invalid_token');
      expect({ profile: await stored(victim, 'PROFILE'), sessions: await sessionsOf(victim) }).toEqual(before);
    },
  },
};

// ---- me: profile actions (report, block) ----

/** Everything of the account's partition, for "nothing changed" checks. */
const partitionOf = async (account: SeededAccount) =>
  (await h.table.partition(`USER#${account.id}`))
    .filter((item) => !String(item.sk).startsWith('SESSION#'))
    .map((item) => JSON.stringify(item))
    .sort();

const me: Record<string, MatrixRow> = {
  'accounts-profile-report': {
    rule: 'any active profile may be reported by anyone; the report is the reporter’s and changes nothing of the reported account',
    async owner() {
      const [maria, reported] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const reply = await h.app.post('/report-profile', { apiKey: maria.session, query: { cliente_id: reported.id, reason: 'spam' } });
      expect(reply.body).toEqual({ message: 'Sua denúncia foi recebida com sucesso.' });
      expect((await h.table.partition(`USER#${maria.id}`)).some((item) => String(item.sk).startsWith('REPORT#'))).toBe(true);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const before = await partitionOf(maria);
      const reply = await h.app.post('/report-profile', { apiKey: mallory.session, query: { cliente_id: maria.id, reason: 'spam' } });
      expect(reply.body).toEqual({ message: 'Sua denúncia foi recebida com sucesso.' });
      expect(await partitionOf(maria)).toEqual(before);
    },
  },
  'accounts-profile-block': {
    rule: 'any active profile may be blocked by anyone; a block is the blocker’s, and only she can lift it',
    async owner() {
      const [maria, blocked] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      expect((await h.app.post('/block-profile', { apiKey: maria.session, query: { cliente_id: blocked.id } })).status).toBe(200);
      expect(await stored(maria, `BLOCK#${blocked.id}`)).toBeDefined();
      expect((await h.app.post('/block-profile', { apiKey: maria.session, query: { cliente_id: blocked.id, remove: 1 } })).status).toBe(200);
      expect(await stored(maria, `BLOCK#${blocked.id}`)).toBeUndefined();
    },
    async other() {
      const [maria, blocked, mallory] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
      await h.app.post('/block-profile', { apiKey: maria.session, query: { cliente_id: blocked.id } });
      const before = [await partitionOf(maria), await partitionOf(blocked)];
      // Unblocking the profile maria blocked lifts nothing of hers; blocking maria changes nothing of maria's.
      expect((await h.app.post('/block-profile', { apiKey: mallory.session, query: { cliente_id: blocked.id, remove: 1 } })).status).toBe(200);
      expect((await h.app.post('/block-profile', { apiKey: mallory.session, query: { cliente_id: maria.id } })).status).toBe(200);
      expect([await partitionOf(maria), await partitionOf(blocked)]).toEqual(before);
    },
  },
};

// ---- guardians ----

const guardianSk = (id: number) => `GUARDIAN#${String(id).padStart(9, '0')}`;
const inviteLink = (method: 'get' | 'post', query: Record<string, string>) => h.app[method]('/web/guardiao', { query, ip: freshIp() });

const guardians: Record<string, MatrixRow> = {
  'guardians-rename-guardian': {
    rule: 'a guardian is renamed only by the account that invited her',
    async owner() {
      const maria = await h.seedAccount();
      const [guardian] = await seedGuardians(h.table, maria.id, ['accepted']);
      const reply = await h.app.put(`/me/guardioes/${guardian.id}`, { apiKey: maria.session, query: { nome: 'Tia Rosa' } });
      expect([reply.status, reply.body.data.nome]).toEqual([200, 'Tia Rosa']);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const [guardian] = await seedGuardians(h.table, maria.id, ['accepted']);
      const before = await partitionOf(maria);
      const reply = await h.app.put(`/me/guardioes/${guardian.id}`, { apiKey: mallory.session, query: { nome: 'mallory' } });
      expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
      expect(await partitionOf(maria)).toEqual(before);
    },
  },
  'guardians-remove-guardian': {
    rule: 'a guardian is removed only by the account that invited her',
    async owner() {
      const maria = await h.seedAccount();
      const [guardian] = await seedGuardians(h.table, maria.id, ['accepted']);
      expect((await h.app.delete(`/me/guardioes/${guardian.id}`, { apiKey: maria.session })).status).toBe(204);
      expect(await stored(maria, guardianSk(guardian.id))).toMatchObject({ status: 'removed_by_user' });
      expect((await stored(maria, 'PROFILE'))?.qtde_guardioes_ativos).toBe(0);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const [guardian] = await seedGuardians(h.table, maria.id, ['accepted']);
      const before = await partitionOf(maria);
      const reply = await h.app.delete(`/me/guardioes/${guardian.id}`, { apiKey: mallory.session });
      expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
      expect(await partitionOf(maria)).toEqual(before);
    },
  },
  'guardians-get-invite': {
    rule: 'an invite is shown only to whoever holds its token (the SMS link)',
    async owner() {
      const maria = await h.seedAccount();
      const [guardian] = await seedGuardians(h.table, maria.id, ['pending']);
      const reply = await inviteLink('get', { token: guardian.token });
      expect([reply.status, reply.body.guardiao.is_pending, reply.body.cliente.apelido]).toEqual([200, 1, maria.user.apelido]);
    },
    async other() {
      const maria = await h.seedAccount();
      await seedGuardians(h.table, maria.id, ['pending']);
      const before = await partitionOf(maria);
      const reply = await inviteLink('get', { token: newInviteToken() });
      expect([reply.status, reply.body.error, reply.body.guardiao]).toEqual([404, 'item_not_found', undefined]);
      expect(await partitionOf(maria)).toEqual(before);
    },
  },
  'guardians-answer-invite': {
    rule: 'an invite is accepted or refused only by whoever holds its token (the SMS link)',
    async owner() {
      const maria = await h.seedAccount();
      const [guardian] = await seedGuardians(h.table, maria.id, ['pending']);
      const reply = await inviteLink('post', { token: guardian.token, action: 'accept' });
      expect([reply.status, reply.body.guardiao.is_accepted]).toEqual([200, 1]);
      expect((await stored(maria, 'PROFILE'))?.qtde_guardioes_ativos).toBe(1);
    },
    async other() {
      const maria = await h.seedAccount();
      await seedGuardians(h.table, maria.id, ['pending']);
      const before = await partitionOf(maria);
      for (const token of [newInviteToken(), 'ZZZZZZZ000']) {
        const reply = await inviteLink('post', { token, action: 'accept' });
        expect([404, 400]).toContain(reply.status);
        expect(reply.body.guardiao).toBeUndefined();
      }
      expect(await partitionOf(maria)).toEqual(before);
    },
  },
};

// ---- tasks (Manual de Fuga) ----

/** One of the account's Manual de Fuga tasks (catalog task 1), as the questionnaire leaves it. */
let nextTaskId = 800_000_000;
async function taskOf(account: SeededAccount): Promise<{ id: number; sk: string }> {
  const id = nextTaskId++;
  const sk = `MF_CLIENTE_TAREFA#${String(id).padStart(9, '0')}`;
  const at = Math.floor(Date.now() / 1000);
  await h.table.put({
    pk: `USER#${account.id}`,
    sk,
    id,
    cliente_id: account.id,
    mf_tarefa_id: 1,
    checkbox_feito: 0,
    campo_livre: null,
    criado_em: at,
    atualizado_em: at,
    version: 1,
  });
  return { id, sk };
}

const tasks: Record<string, MatrixRow> = {
  'tasks-sync-task': {
    rule: 'a task is changed only by the account whose list holds it',
    async owner() {
      const maria = await h.seedAccount();
      const task = await taskOf(maria);
      expect((await h.app.post('/me/tarefas/sync', { apiKey: maria.session, query: { id: task.id, checkbox_feito: 1 } })).status).toBe(204);
      expect(await stored(maria, task.sk)).toMatchObject({ checkbox_feito: 1 });
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const task = await taskOf(maria);
      const before = await stored(maria, task.sk);
      for (const query of [
        { id: task.id, checkbox_feito: 1 },
        { id: task.id, remove: 1 },
      ]) {
        const reply = await h.app.post('/me/tarefas/sync', { apiKey: mallory.session, query });
        expect(reply.status).toBe(400);
        expect(reply.body.error).toBe('mfclientetarefa_id_not_found');
      }
      expect(await stored(maria, task.sk)).toEqual(before);
    },
  },
  'tasks-batch-tasks': {
    rule: 'a batch changes only tasks of the caller’s own list; one task of someone else’s refuses it whole',
    async owner() {
      const maria = await h.seedAccount();
      const task = await taskOf(maria);
      const reply = await h.app.post('/me/tarefas/batch', { apiKey: maria.session, json: [{ id: task.id, remove: 1 }] });
      expect(reply.status).toBe(200);
      expect((await stored(maria, task.sk))?.removido_em).toEqual(expect.any(Number));
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const [task, own] = [await taskOf(maria), await taskOf(mallory)];
      const before = [await stored(maria, task.sk), await stored(mallory, own.sk)];
      const reply = await h.app.post('/me/tarefas/batch', {
        apiKey: mallory.session,
        json: [
          { id: own.id, checkbox_feito: 1 },
          { id: task.id, remove: 1 },
        ],
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('mfclientetarefa_id_not_found');
      expect([await stored(maria, task.sk), await stored(mallory, own.sk)]).toEqual(before);
    },
  },
};

// ---- quiz ----

/** Her pending automatic quiz (the seeded first quiz): the session id and the ref of the question on screen. */
async function pendingQuiz(account: SeededAccount): Promise<{ sessionId: number; ref: string; sk: string }> {
  await h.app.get('/me', { apiKey: account.session }); // the first GET /me after a login shows no quiz
  const quizSession = (await h.app.get('/me', { apiKey: account.session })).body.quiz_session;
  const sessionId = quizSession.session_id as number;
  return { sessionId, ref: quizSession.current_msgs.at(-1).ref, sk: `QUIZ_SESSION#${String(sessionId).padStart(12, '0')}` };
}

const ANON_TOKEN = 'local-anon-quiz-token';
const anonSessionKey = (id: number) => ({ pk: `ANON_QUIZ_SESSION#${id}`, sk: 'ANON_QUIZ_SESSION' });
const anonStored = async (id: number) => (await h.table.partition(anonSessionKey(id).pk))[0];
async function anonSession(): Promise<{ id: number; ref: string }> {
  const reply = await h.app.post('/anon-questionnaires/new', { query: { token: ANON_TOKEN, questionnaire_id: 2, remote_id: 'matrix' } });
  expect(reply.status).toBe(200);
  return { id: reply.body.quiz_session.session_id, ref: reply.body.quiz_session.current_msgs.at(-1).ref };
}

const quiz: Record<string, MatrixRow> = {
  'quiz-post-me-quiz': {
    rule: 'a quiz session is answered only by the account it belongs to',
    async owner() {
      const maria = await h.seedAccount();
      const pending = await pendingQuiz(maria);
      const reply = await h.app.post('/me/quiz', { apiKey: maria.session, query: { session_id: pending.sessionId, [pending.ref]: 'Y' } });
      expect(reply.status).toBe(200);
      expect(JSON.parse(String((await stored(maria, pending.sk))?.responses)).Q1_conversar).toBe('Y');
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const pending = await pendingQuiz(maria);
      const before = await stored(maria, pending.sk);
      const reply = await h.app.post('/me/quiz', { apiKey: mallory.session, query: { session_id: pending.sessionId, [pending.ref]: 'Y' } });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('quiz_not_active');
      expect(await stored(maria, pending.sk)).toEqual(before);
    },
  },
  'quiz-anon-history': {
    rule: 'anonymous sessions are read only with the shared token',
    async owner() {
      const session = await anonSession();
      const reply = await h.app.get('/anon-questionnaires/history', { query: { token: ANON_TOKEN, session_id: session.id } });
      expect(reply.status).toBe(200);
      expect(reply.body.quiz_session.session_id).toBe(session.id);
    },
    async other() {
      const session = await anonSession();
      const before = await anonStored(session.id);
      const reply = await h.app.get('/anon-questionnaires/history', { query: { token: 'not-the-token', session_id: session.id } });
      expect([reply.status, reply.body.error, reply.body.field]).toEqual([400, 'token_invalid', 'token']);
      expect(reply.body.quiz_session).toBeUndefined();
      expect(await anonStored(session.id)).toEqual(before);
    },
  },
  'quiz-anon-process': {
    rule: 'anonymous sessions are answered only with the shared token',
    async owner() {
      const session = await anonSession();
      const reply = await h.app.post('/anon-questionnaires/process', { query: { token: ANON_TOKEN, session_id: session.id, [session.ref]: 0 } });
      expect(reply.status).toBe(200);
      expect(JSON.parse(String((await anonStored(session.id)).responses)).A_assunto).toBe('identificar');
    },
    async other() {
      const session = await anonSession();
      const before = await anonStored(session.id);
      const reply = await h.app.post('/anon-questionnaires/process', { query: { token: 'not-the-token', session_id: session.id, [session.ref]: 0 } });
      expect([reply.status, reply.body.error, reply.body.field]).toEqual([400, 'token_invalid', 'token']);
      expect(await anonStored(session.id)).toEqual(before);
    },
  },
};

// ---- points (support points): public points, her own rating ----

const pointsFixture = (() => {
  let ready: Promise<number> | undefined;
  return () =>
    (ready ??= (async () => {
      const base = idBlock();
      await writeCategory(h.table, base + 1, 'matrix category', '#000000');
      await writePoint(
        h.table,
        point(base + 10, { nome: 'matrix point', categoria: base + 1, latitude: -23.56, longitude: -46.65, projetos: [] }),
        'matrix category',
      );
      return base + 10;
    })());
})();
const ratingOf = async (account: SeededAccount, pointId: number) => (await stored(account, `PA_RATING#${pointId}`))?.avaliacao;
const rate = (account: SeededAccount, pointId: number, rating: number) =>
  h.app.post('/me/avaliar-pontos-de-apoio', { query: { ponto_apoio_id: pointId, rating }, apiKey: account.session });

const points: Record<string, MatrixRow> = {
  'points-detail-public': {
    rule: 'support points are public: anyone sees an active point, with no one’s rating',
    async owner() {
      const pointId = await pointsFixture();
      expect((await h.app.get(`/pontos-de-apoio/${pointId}`, { ip: freshIp() })).status).toBe(200);
    },
    async other() {
      const pointId = await pointsFixture();
      const rater = await h.seedAccount();
      expect((await rate(rater, pointId, 3)).status).toBe(204);
      const reply = await h.app.get(`/pontos-de-apoio/${pointId}`, { ip: freshIp(), apiKey: rater.session });
      expect(reply.status).toBe(200);
      expect(reply.body).not.toHaveProperty('cliente_avaliacao');
    },
  },
  'points-detail-me': {
    rule: 'any active account sees any point, with her own rating only',
    async owner() {
      const pointId = await pointsFixture();
      const rater = await h.seedAccount();
      expect((await rate(rater, pointId, 5)).status).toBe(204);
      expect((await h.app.get(`/me/pontos-de-apoio/${pointId}`, { apiKey: rater.session })).body.cliente_avaliacao).toBe(5);
    },
    async other() {
      const pointId = await pointsFixture();
      const [rater, stranger] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      expect((await rate(rater, pointId, 5)).status).toBe(204);
      const reply = await h.app.get(`/me/pontos-de-apoio/${pointId}`, { apiKey: stranger.session });
      expect(reply.status).toBe(200);
      expect(reply.body.cliente_avaliacao).toBeNull();
    },
  },
  'points-rate-point': {
    rule: 'any active account rates any point; each rating is kept in the rater’s own partition',
    async owner() {
      const pointId = await pointsFixture();
      const rater = await h.seedAccount();
      expect((await rate(rater, pointId, 2)).status).toBe(204);
      expect(await ratingOf(rater, pointId)).toBe(2);
    },
    async other() {
      const pointId = await pointsFixture();
      const [rater, stranger] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      expect((await rate(rater, pointId, 2)).status).toBe(204);
      expect((await rate(stranger, pointId, 4)).status).toBe(204);
      expect(await ratingOf(rater, pointId)).toBe(2);
      expect(await ratingOf(stranger, pointId)).toBe(4);
    },
  },
};

// ---- timeline: tweets, likes, comments, reports, images ----

/** A 1×1 PNG, uploaded as the app does. */
const TIMELINE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

async function uploadImage(account: SeededAccount): Promise<string> {
  const form = new FormData();
  form.set('intention', 'tweet');
  form.set('media', new Blob([new Uint8Array(TIMELINE_PNG)], { type: 'image/png' }), 'foto.png');
  const request = new Request('http://local/', { method: 'POST', body: form });
  const reply = await h.app.post('/me/media', {
    apiKey: account.session,
    rawBody: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  });
  expect(reply.status).toBe(200);
  return reply.body.id;
}

async function tweetOf(account: SeededAccount, content = 'uma publicação'): Promise<{ id: string; media: Array<{ sd: string; hd: string }> }> {
  const reply = await h.app.post('/me/tweets', { apiKey: account.session, rawBody: `content=${encodeURIComponent(content)}` });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** The tweet item as stored. */
const storedTweet = async (id: string) => (await h.table.partition(`TWEET#${id}`)).find((item) => item.sk === 'TWEET');

const timeline: Record<string, MatrixRow> = {
  'timeline-add-tweet': {
    rule: 'a tweet carries only images its author uploaded',
    async owner() {
      const maria = await h.seedAccount();
      const mediaId = await uploadImage(maria);
      const reply = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: `content=foto&media_ids=${mediaId}` });
      expect([reply.status, reply.body.media.length]).toEqual([200, 1]);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const mediaId = await uploadImage(maria);
      const before = [await partitionOf(maria), await partitionOf(mallory)];
      const reply = await h.app.post('/me/tweets', { apiKey: mallory.session, rawBody: `content=roubada&media_ids=${mediaId}` });
      expect([reply.status, reply.body.error]).toEqual([400, 'media_id']);
      expect([await partitionOf(maria), await partitionOf(mallory)]).toEqual(before);
    },
  },
  'timeline-delete-tweet': {
    rule: 'a tweet is deleted only by its author',
    async owner() {
      const maria = await h.seedAccount();
      const tweet = await tweetOf(maria);
      expect((await h.app.delete('/me/tweets', { apiKey: maria.session, query: { id: tweet.id } })).status).toBe(204);
      expect((await storedTweet(tweet.id))?.status).toBe('deleted');
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = await tweetOf(maria);
      const before = await storedTweet(tweet.id);
      const reply = await h.app.delete('/me/tweets', { apiKey: mallory.session, query: { id: tweet.id } });
      expect([reply.status, reply.body.error]).toEqual([400, 'tweet_not_found']);
      expect(await storedTweet(tweet.id)).toEqual(before);
    },
  },
  'timeline-like-tweet': {
    rule: 'anyone may like a published tweet; the like is hers alone and changes nothing else of the author’s',
    async owner() {
      const maria = await h.seedAccount();
      const tweet = await tweetOf(maria);
      expect((await h.app.post(`/timeline/${tweet.id}/like`, { apiKey: maria.session })).body.tweet.meta.liked).toBe(1);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = await tweetOf(maria);
      await h.app.post(`/timeline/${tweet.id}/like`, { apiKey: maria.session });
      const before = { partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content };
      const reply = await h.app.post(`/timeline/${tweet.id}/like`, { apiKey: mallory.session, query: { remove: '1' } });
      // Taking back a like she never gave removes nobody's like.
      expect([reply.status, reply.body.tweet.qtde_likes, reply.body.tweet.meta.liked]).toEqual([200, 1, 0]);
      expect({ partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content }).toEqual(before);
    },
  },
  'timeline-comment-tweet': {
    rule: 'anyone may comment on a published tweet; the comment is hers and changes nothing of the author’s but the count',
    async owner() {
      const maria = await h.seedAccount();
      const tweet = await tweetOf(maria);
      expect((await h.app.post(`/timeline/${tweet.id}/comment`, { apiKey: maria.session, rawBody: 'content=oi' })).body.meta.owner).toBe(1);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = await tweetOf(maria);
      const before = { partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content };
      const reply = await h.app.post(`/timeline/${tweet.id}/comment`, { apiKey: mallory.session, rawBody: 'content=oi' });
      expect([reply.status, reply.body.cliente_id, reply.body.meta.owner]).toEqual([200, mallory.id, 1]);
      expect({ partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content }).toEqual(before);
    },
  },
  'timeline-report-tweet': {
    rule: 'anyone may report a published tweet; the report is the reporter’s',
    async owner() {
      const maria = await h.seedAccount();
      const tweet = await tweetOf(maria);
      expect((await h.app.post(`/timeline/${tweet.id}/report`, { apiKey: maria.session, rawBody: 'reason=spam' })).status).toBe(200);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = await tweetOf(maria);
      const before = { partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content };
      const reply = await h.app.post(`/timeline/${tweet.id}/report`, { apiKey: mallory.session, rawBody: 'reason=spam' });
      expect(reply.body).toEqual({ message: 'Sua denúncia foi recebida com sucesso.' });
      expect((await partitionOf(mallory)).some((item) => item.includes('TWEET_REPORT#'))).toBe(true);
      expect({ partition: await partitionOf(maria), content: (await storedTweet(tweet.id))?.content }).toEqual(before);
    },
  },
  'timeline-download-media': {
    rule: 'an image link opens only for the viewer (and address) the timeline made it for',
    async owner() {
      const maria = await h.seedAccount();
      const mediaId = await uploadImage(maria);
      const reply = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: `content=foto&media_ids=${mediaId}` });
      const link = reply.body.media[0].sd.replace(/^.*?\/penhas\//, '/');
      expect((await h.app.get(link, { apiKey: maria.session })).status).toBe(302);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const mediaId = await uploadImage(maria);
      const reply = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: `content=foto&media_ids=${mediaId}` });
      const link = reply.body.media[0].sd.replace(/^.*?\/penhas\//, '/');
      const refused = await h.app.get(link, { apiKey: mallory.session });
      expect([refused.status, refused.body.error, refused.headers.location]).toEqual([400, 'media_hash_invalid', undefined]);
    },
  },
};

// ---- chats: private chats (chat_auth), blocks, profiles ----

const chatPartition = async (chatAuth: string) => h.table.partition(`CHAT#${JSON.parse(Buffer.from(chatAuth.split('.')[1], 'base64url').toString()).id}`);
const openChatWith = async (account: SeededAccount, other: SeededAccount): Promise<string> =>
  (await h.app.post('/me/chats-session', { apiKey: account.session, query: { cliente_id: other.id } })).body.chat_auth;
const sendChat = (account: SeededAccount, chatAuth: string, message: string) =>
  h.app.post('/me/chats-messages', { apiKey: account.session, query: { chat_auth: chatAuth, message } });
/** A chat between two with one message, and a third account. */
const chatFixture = async () => {
  const [maria, ana, mallory] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
  const chatAuth = await openChatWith(maria, ana);
  expect((await sendChat(maria, chatAuth, 'só nossa')).status).toBe(200);
  return { maria, ana, mallory, chatAuth };
};
const RELOAD_APP = 'Recarregue o app, conversa não pode ser aberta.';

const chats: Record<string, MatrixRow> = {
  'chats-open-chat': {
    rule: 'anyone may open a chat with an active user; the chat_auth answered names the chat and the caller only',
    async owner() {
      const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      expect((await h.app.post('/me/chats-session', { apiKey: maria.session, query: { cliente_id: ana.id } })).status).toBe(200);
    },
    async other() {
      const { maria, ana, mallory, chatAuth } = await chatFixture();
      // Mallory opening a chat with ana gets her own chat, not maria's, and nothing of theirs changes.
      const before = await chatPartition(chatAuth);
      const hers = await openChatWith(mallory, ana);
      expect((await chatPartition(hers)).some((item) => item.sk === 'CHAT')).toBe(true);
      expect(hers).not.toBe(chatAuth);
      expect(await chatPartition(chatAuth)).toEqual(before);
      expect((await h.app.get('/me/chats-messages', { apiKey: mallory.session, query: { chat_auth: hers } })).body.messages).toEqual([]);
      expect(maria.id).not.toBe(mallory.id);
    },
  },
  'chats-list-messages': {
    rule: 'a chat is read only by its two participants, with the chat_auth given to each',
    async owner() {
      const { ana, maria, chatAuth } = await chatFixture();
      expect((await h.app.get('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: chatAuth } })).body.messages).toHaveLength(1);
      const anaAuth = await openChatWith(ana, maria);
      expect((await h.app.get('/me/chats-messages', { apiKey: ana.session, query: { chat_auth: anaAuth } })).body.messages).toHaveLength(1);
    },
    async other() {
      const { mallory, chatAuth } = await chatFixture();
      const reply = await h.app.get('/me/chats-messages', { apiKey: mallory.session, query: { chat_auth: chatAuth } });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: 'chat_auth_invalid_user', message: RELOAD_APP });
    },
  },
  'chats-send-message': {
    rule: 'a message is written only by a participant, with her own chat_auth',
    async owner() {
      const { maria, chatAuth } = await chatFixture();
      expect((await sendChat(maria, chatAuth, 'de novo')).status).toBe(200);
    },
    async other() {
      const { mallory, chatAuth } = await chatFixture();
      const before = await chatPartition(chatAuth);
      const reply = await sendChat(mallory, chatAuth, 'intrusa');
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('chat_auth_invalid_user');
      expect(await chatPartition(chatAuth)).toEqual(before);
    },
  },
  'chats-delete-chat': {
    rule: 'a chat is deleted only by one of its participants',
    async owner() {
      const { maria, chatAuth } = await chatFixture();
      expect((await h.app.delete('/me/chats-session', { apiKey: maria.session, query: { chat_auth: chatAuth } })).status).toBe(204);
      expect(await chatPartition(chatAuth)).toEqual([]);
    },
    async other() {
      const { mallory, chatAuth } = await chatFixture();
      const before = await chatPartition(chatAuth);
      const reply = await h.app.delete('/me/chats-session', { apiKey: mallory.session, query: { chat_auth: chatAuth } });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toBe('chat_auth_invalid_user');
      expect(await chatPartition(chatAuth)).toEqual(before);
    },
  },
  'chats-manage-blocks': {
    rule: 'anyone may be blocked in the chats; a block is the blocker’s, and only she can lift it',
    async owner() {
      const [maria, blocked] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      expect((await h.app.post('/me/manage-blocks', { apiKey: maria.session, query: { cliente_id: blocked.id, block: 1 } })).status).toBe(204);
      expect(await stored(maria, `BLOCK#${blocked.id}`)).toBeDefined();
      expect((await h.app.post('/me/manage-blocks', { apiKey: maria.session, query: { cliente_id: blocked.id, block: 0 } })).status).toBe(204);
      expect(await stored(maria, `BLOCK#${blocked.id}`)).toBeUndefined();
    },
    async other() {
      const [maria, blocked, mallory] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
      await h.app.post('/me/manage-blocks', { apiKey: maria.session, query: { cliente_id: blocked.id, block: 1 } });
      const before = [await partitionOf(maria), await partitionOf(blocked)];
      expect((await h.app.post('/me/manage-blocks', { apiKey: mallory.session, query: { cliente_id: blocked.id, block: 0 } })).status).toBe(204);
      expect((await h.app.post('/me/manage-blocks', { apiKey: mallory.session, query: { cliente_id: maria.id, block: 1 } })).status).toBe(204);
      expect([await partitionOf(maria), await partitionOf(blocked)]).toEqual(before);
    },
  },
  'chats-profile': {
    rule: 'a listable woman’s public profile is public to accounts with the private chats; never her private fields',
    async owner() {
      const maria = await h.seedAccount();
      expect((await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: maria.id } })).body.is_myself).toBe(1);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const reply = await h.app.get('/profile', { apiKey: mallory.session, query: { cliente_id: maria.id } });
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body.profile).sort()).toEqual(['apelido', 'avatar_url', 'badges', 'cliente_id', 'minibio', 'skills']);
      expect(reply.body.is_myself).toBe(0);
    },
  },
};

// ---- notifications: devices, the notification and push queues ----

const devicesOf = async (account: SeededAccount) => (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('DEVICE#'));
const registerDevice = async (account: SeededAccount) => {
  const token = `fcm-${createHash('sha256').update(`${account.id}:${Math.random()}`).digest('hex')}`;
  const reply = await h.app.post('/me/devices', { apiKey: account.session, query: { token, platform: 'android' } });
  expect(reply.status, reply.text).toBe(200);
  return { token, id: reply.body.device.id as string };
};
const unreadOf = async (account: SeededAccount) => (await h.app.get('/me/unread-notif-count', { apiKey: account.session })).body.count;

const notifications: Record<string, MatrixRow> = {
  'notifications-remove-device': {
    rule: 'a device is removed only by the account that registered it',
    async owner() {
      const maria = await h.seedAccount();
      const device = await registerDevice(maria);
      expect((await h.app.delete(`/me/devices/${device.id}`, { apiKey: maria.session })).status).toBe(204);
      expect(await devicesOf(maria)).toEqual([]);
      expect(runtime.fakes.sns.endpointOf(device.token)).toBeUndefined();
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const device = await registerDevice(maria);
      const before = await devicesOf(maria);
      for (const named of [device.id, encodeURIComponent(device.token)]) {
        const reply = await h.app.delete(`/me/devices/${named}`, { apiKey: mallory.session });
        expect(reply.status).toBe(404);
        expect(reply.body.error).toBe('item_not_found');
      }
      expect(await devicesOf(maria)).toEqual(before);
      expect(runtime.fakes.sns.endpointOf(device.token)?.enabled).toBe(true);
    },
  },
  'notifications-notification-events': {
    rule: 'an event notifies only what it claims and the table confirms: a stored like, a comment on that tweet, an unread marker',
    async owner() {
      const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = (await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: 'content=oi' })).body;
      expect((await h.app.post(`/timeline/${tweet.id}/like`, { apiKey: ana.session })).status).toBe(200);
      await eventually(async () => (await unreadOf(maria)) === 1, { what: 'the like notification' });
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const tweet = (await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: 'content=oi' })).body;
      // Events nobody's request produced: a like never stored, a comment that is not one, a chat marker that does not exist.
      const forged = [
        { kind: 'new_like', tweet_id: tweet.id, subject_id: mallory.id, exclude_poster_id: mallory.id },
        { kind: 'new_comment', tweet_id: tweet.id, comment_id: tweet.id, root_tweet_id: tweet.id, subject_id: mallory.id, exclude_poster_id: mallory.id },
        { kind: 'new_message', cliente_id: maria.id, subject_id: mallory.id, messaged_at: new Date().toISOString() },
      ];
      for (const event of forged) runtime.queues.send('penhas-notifications', JSON.stringify(event));
      await runtime.queues.drained('penhas-notifications', 20_000);
      expect(await unreadOf(maria)).toBe(0);
    },
  },
  'notifications-send-push': {
    rule: 'a push job reaches only the devices of the account it names',
    async owner() {
      const maria = await h.seedAccount();
      const device = await registerDevice(maria);
      runtime.queues.send(
        'penhas-push',
        JSON.stringify({ userId: String(maria.id), pushId: `p-${maria.id}`, title: 'Você tem uma nova notificação', body: '' }),
      );
      await runtime.outbox.waitFor({ channel: 'push', to: device.token }, 20_000);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const device = await registerDevice(maria);
      runtime.queues.send('penhas-push', JSON.stringify({ userId: String(mallory.id), pushId: `p-${mallory.id}`, title: 'x', body: 'y' }));
      await runtime.queues.drained('penhas-push', 20_000);
      expect(runtime.outbox.list({ channel: 'push', to: device.token })).toEqual([]);
    },
  },
};

// ---- audios: her recording events, presigned uploads, the analysis queue ----

/** Her event with one recording; `analysed` waits for its analysis. */
async function audioEventOf(account: SeededAccount, analysed = false): Promise<string> {
  const eventId = newEventId();
  expect((await uploadPart(h, account, { eventId })).status).toBe(200);
  if (analysed) await eventually(async () => (await storedRecordings(h, account, eventId))[0]?.waveform, { timeoutMs: 60_000, what: 'the analysis' });
  return eventId;
}
const audioState = async (account: SeededAccount, eventId: string) => ({
  event: await storedEvent(h, account, eventId),
  recordings: await storedRecordings(h, account, eventId),
});
const eventNotFound = { error: 'evento não encontrado', message: 'event_id' };
/** Another woman naming her event on a route: answered as none, her event unchanged. */
const audioEventDenied = (call: (mallory: SeededAccount, eventId: string) => Promise<{ status: number; body: unknown }>) => async () => {
  const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
  // Analysed first, so nothing else writes to it while she is refused.
  const eventId = await audioEventOf(maria, true);
  const before = await audioState(maria, eventId);
  const reply = await call(mallory, eventId);
  expect([reply.status, reply.body]).toEqual([400, eventNotFound]);
  expect(await audioState(maria, eventId)).toEqual(before);
};

const audios: Record<string, MatrixRow> = {
  'audios-get-audio-event': {
    rule: 'an audio event is read only by the woman who recorded it',
    async owner() {
      const maria = await h.seedAccount();
      const eventId = await audioEventOf(maria);
      expect((await h.app.get(`/me/audios/${eventId}`, { apiKey: maria.session })).body.event_id).toBe(eventId);
    },
    other: audioEventDenied((mallory, eventId) => h.app.get(`/me/audios/${eventId}`, { apiKey: mallory.session })),
  },
  'audios-delete-audio-event': {
    rule: 'an audio event is removed only by the woman who recorded it',
    async owner() {
      const maria = await h.seedAccount();
      const eventId = await audioEventOf(maria);
      expect((await h.app.delete(`/me/audios/${eventId}`, { apiKey: maria.session })).status).toBe(204);
    },
    other: audioEventDenied((mallory, eventId) => h.app.delete(`/me/audios/${eventId}`, { apiKey: mallory.session })),
  },
  'audios-request-access': {
    rule: 'access to an audio event is asked for only by the woman who recorded it',
    async owner() {
      const maria = await h.seedAccount();
      const eventId = await audioEventOf(maria);
      expect((await h.app.post(`/me/audios/${eventId}/request-access`, { apiKey: maria.session })).body.success).toBe(1);
    },
    other: audioEventDenied((mallory, eventId) => h.app.post(`/me/audios/${eventId}/request-access`, { apiKey: mallory.session })),
  },
  'audios-download-audio': {
    rule: 'an audio event is downloaded only by the woman who recorded it',
    async owner() {
      const maria = await h.seedAccount();
      const eventId = await audioEventOf(maria);
      const reply = await h.app.get(`/me/audios/${eventId}/download`, { apiKey: maria.session, query: { audio_sequences: 'all' } });
      expect([reply.status, reply.bytes.equals(ADTS_3S)]).toEqual([200, true]);
    },
    other: audioEventDenied((mallory, eventId) => h.app.get(`/me/audios/${eventId}/download`, { apiKey: mallory.session, query: { audio_sequences: 'all' } })),
  },
  'audios-complete-upload': {
    rule: 'a presigned audio upload is completed only by the woman who asked for it',
    async owner() {
      const maria = await h.seedAccount();
      const granted = await grantAudioUpload(maria);
      expect((await fetch(granted.upload_url, { method: 'PUT', body: new Uint8Array(ADTS_3S) })).status).toBe(200);
      expect((await h.app.post(`/me/audios/uploads/${granted.upload_id}/complete`, { apiKey: maria.session })).status).toBe(200);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const granted = await grantAudioUpload(maria);
      expect((await fetch(granted.upload_url, { method: 'PUT', body: new Uint8Array(ADTS_3S) })).status).toBe(200);
      const reply = await h.app.post(`/me/audios/uploads/${granted.upload_id}/complete`, { apiKey: mallory.session });
      expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
      const partitions = [...(await h.table.partition(`USER#${maria.id}`)), ...(await h.table.partition(`USER#${mallory.id}`))];
      expect(partitions.filter((item) => String(item.sk).startsWith('AUDIO#') || String(item.sk).startsWith('AUDIO_EVENT#'))).toEqual([]);
    },
  },
  'audios-analyse-audio': {
    rule: 'an analysis job reads only the recordings of the woman whose request queued it',
    async owner() {
      const maria = await h.seedAccount();
      await audioEventOf(maria, true);
    },
    async other() {
      const [maria, mallory] = await Promise.all([h.seedAccount(), h.seedAccount()]);
      const eventId = await audioEventOf(maria, true);
      const before = { maria: await audioState(maria, eventId), mallory: await h.table.partition(`USER#${mallory.id}`) };
      await redeliverAnalysis(h, { user_id: mallory.id, event_id: eventId, event_sequence: 1 });
      expect({ maria: await audioState(maria, eventId), mallory: await h.table.partition(`USER#${mallory.id}`) }).toEqual(before);
    },
  },
};

async function grantAudioUpload(account: SeededAccount): Promise<{ upload_id: string; upload_url: string }> {
  const now = new Date().toISOString();
  const reply = await h.app.post('/me/audios/upload-url', {
    apiKey: account.session,
    query: { event_id: newEventId(), event_sequence: 1, cliente_created_at: now, current_time: now, filename: 'parte.aac' },
  });
  expect(reply.status).toBe(200);
  return reply.body;
}

// ---- admin API and badges: test/penhas/admin/admin-matrix.ts ----

const admin = adminMatrixRows(h, runtime);

const matrix: Record<string, MatrixRow> = {
  ...admin,
  ...accounts,
  ...me,
  ...guardians,
  ...tasks,
  ...quiz,
  ...points,
  ...timeline,
  ...chats,
  ...notifications,
  ...audios,
};

function objectIdsOf(fn: ServiceFunction): ObjectId[] {
  const trigger = fn.trigger;
  if (trigger.kind === 'http') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'websocket') return trigger.route.objectIds ?? [];
  if (trigger.kind === 'queue') return trigger.queue.objectIds ?? [];
  return [];
}

const entriesWithIds = functionsOf(penhas).filter((fn) => objectIdsOf(fn).length > 0);

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
    it(`allows the owner: ${row.rule}`, () => row.owner());
    const isPublic = objectIdsOf(fn).every((id) => id.owner === 'public');
    it(isPublic ? 'gives anyone else no more than that' : 'denies anyone else, changing nothing', () => row.other());
  });
}
