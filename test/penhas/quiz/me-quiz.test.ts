/**
 * 010-quiz through the gateway, as the app calls it: the automatic quiz in
 * `GET /me` in place of the modules, answers posted to `POST /me/quiz` with
 * everything in the query string, the assistant session that starts it over.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { ownerPartition, userKey } from '../../../functions/penhas/keys.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import { installQuizContent } from './fixtures.ts';

const runtime = sharedRuntime({ services: [penhas], environment: { DB_OP_COUNT_HEADER: 'true' } });
const h = penhasHarness(runtime);

beforeAll(async () => {
  await installQuizContent(h.table);
});

const userItem = async (id: number) => (await h.table.partition(ownerPartition(id))).find((item) => item.sk === userKey(id).sk)!;
const sessionItem = async (userId: number, sessionId: number) =>
  (await h.table.partition(ownerPartition(userId))).find((item) => item.sk === `QUIZ_SESSION#${String(sessionId).padStart(12, '0')}`);

const getMe = async (account: SeededAccount) => {
  const reply = await h.app.get('/me', { apiKey: account.session });
  expect(reply.status).toBe(200);
  return reply.body;
};

const answer = async (account: SeededAccount, query: Record<string, string | number>) => {
  const reply = await h.app.post('/me/quiz', { apiKey: account.session, query });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.quiz_session;
};

describe('the automatic quiz (010-quiz)', () => {
  let account: SeededAccount;
  let sessionId: number;
  const rand = String(Math.random());

  it('is not shown on the first GET /me after a login, then replaces the modules', async () => {
    account = await h.seedAccount({ apelido: 'Quiz User Name' });
    const first = await getMe(account);
    expect(first.quiz_session).toBeUndefined();
    expect(first.modules.map((m: { code: string }) => m.code)).not.toContain('quiz');

    const me = await getMe(account);
    expect(me.modules).toEqual([{ code: 'quiz', meta: {} }]);
    sessionId = me.quiz_session.session_id;
    expect(Number.isInteger(sessionId)).toBe(true);
    expect(me.quiz_session.current_msgs.map((m: { content: string }) => m.content)).toEqual(['intro1', 'HELLOQuiz User Name!', 'yesno question☺️⚠️👍👭🤗🤳']);
    expect(me.quiz_session.prev_msgs).toEqual([]);

    // Loading it again reuses the session: the session and the user, the request count, her sessions, her badges; no Scan.
    const again = await h.app.get('/me', { apiKey: account.session });
    expect(again.body.quiz_session.session_id).toBe(sessionId);
    expect(again.headers['x-db-operations-by-command']).not.toMatch(/Scan/);
    expect(Number(again.headers['x-db-operations']), String(again.headers['x-db-operations-by-command'])).toBeLessThanOrEqual(4);
  });

  it('answers a wrong value with the error first, then the same messages', async () => {
    await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: sessionId, YN40: 'X' } });
    const reply = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: sessionId, YN40: 'X' } });
    // The session and the user, the request count, her sessions (the content is read once a minute per
    // instance): nothing is written for a refused answer.
    expect(Number(reply.headers['x-db-operations'])).toBeLessThanOrEqual(3);
    const quiz = reply.body.quiz_session;
    expect(quiz.current_msgs[0]).toMatchObject({ content: 'Campo YN40 deve ser Y ou N', style: 'error', type: 'displaytext' });
    expect(quiz.current_msgs.slice(1).map((m: { content: string }) => m.content)).toEqual(['intro1', 'HELLOQuiz User Name!', 'yesno question☺️⚠️👍👭🤗🤳']);
    expect(quiz.prev_msgs).toBeNull();
    expect(quiz.session_id).toBe(sessionId);
  });

  it('follows the Y path through every message type to the end screen', async () => {
    let quiz = await answer(account, { session_id: sessionId, YN40: 'Y' });
    expect(quiz.current_msgs.at(-1)).toMatchObject({ content: 'question for YES', type: 'text' });
    quiz = await answer(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: rand });
    expect(JSON.parse(String((await sessionItem(account.id, sessionId))!.responses)).freetext).toBe(rand);

    const me = await getMe(account);
    expect(me.quiz_session.current_msgs[0].content).toBe('Question A');
    expect(me.quiz_session.current_msgs.at(-1).type).toBe('yesno');

    quiz = await answer(account, { session_id: sessionId, [me.quiz_session.current_msgs.at(-1).ref]: 'N' });
    expect(quiz.current_msgs).toEqual([{ type: 'yesno', content: 'Question B', ref: quiz.current_msgs[0].ref }]);
    quiz = await answer(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 'Y' });
    expect(quiz.current_msgs).toHaveLength(1);
    const mc = quiz.current_msgs[0];
    expect(mc.type).toBe('multiplechoices');

    quiz = await answer(account, { session_id: sessionId, [mc.ref]: mc.options[0].index });
    expect(quiz.current_msgs[0]).toMatchObject({ type: 'displaytext', content: 'displaytext flow' });
    expect(quiz.current_msgs.at(-1)).toMatchObject({
      type: 'button',
      content: 'btn_responder_zero',
      action: 'botao_tela_modo_camuflado',
      ending_action_text: 'Modo camuflado ativado',
      ending_cancel_text: 'Tutorial cancelado',
      label: 'Visualizar',
    });
    expect((await userItem(account.id)).modo_anonimo_ativo).toBe(0);

    quiz = await answer(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 0 });
    let user = await userItem(account.id);
    expect([user.modo_anonimo_ativo, user.modo_camuflado_ativo, user.quiz_detectou_violencia]).toEqual([1, 0, 1]);
    expect(typeof user.modo_anonimo_atualizado_em).toBe('string');
    expect(typeof user.modo_camuflado_atualizado_em).toBe('string');
    expect(quiz.current_msgs[0]).toMatchObject({ type: 'displaytext', content: 'btn_camuflado1=PASS' });
    expect(quiz.current_msgs.at(-1)).toMatchObject({ type: 'button', content: 'btn_responder_com1', action: 'botao_tela_modo_camuflado' });

    quiz = await answer(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 1 });
    expect(quiz.current_msgs[0]).toMatchObject({ type: 'displaytext', content: 'btn_camuflado2=PASS2' });
    user = await userItem(account.id);
    expect([user.modo_anonimo_ativo, user.modo_camuflado_ativo]).toEqual([1, 1]);
    const oc = quiz.current_msgs.at(-1);
    expect(oc).toMatchObject({ type: 'onlychoice', content: 'choose one' });
    expect(oc.action).toBeUndefined();
    expect(oc.options).toEqual([
      { display: 'option a', index: 0 },
      { display: 'option b', index: 1 },
    ]);

    quiz = await answer(account, { session_id: sessionId, [oc.ref]: 1 });
    expect(quiz.current_msgs.at(-1)).toMatchObject({ type: 'button', content: 'final', action: 'none' });

    const prev = (await getMe(account)).quiz_session.prev_msgs;
    expect(prev).toHaveLength(13);
    for (const m of prev) expect(m.type === 'displaytext' ? m.content : m.display_response).toBeTruthy();

    const end = await answer(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 1 });
    expect(end).toEqual({ finished: 1, end_screen: `freetext=${rand}` });

    const profile = (await getMe(account)).user_profile;
    expect([profile.modo_camuflado_ativo, profile.modo_anonimo_ativo]).toEqual([1, 1]);

    const stored = (await sessionItem(account.id, sessionId))!;
    expect(typeof stored.finished_at).toBe('string');
    const { start_time, ...responses } = JSON.parse(String(stored.responses));
    expect(typeof start_time).toBe('number');
    expect(responses).toMatchObject({
      btn_camuflado1: '0',
      btn_camuflado1_action: 'botao_tela_modo_camuflado',
      btn_camuflado2: '1',
      btn_camuflado2_action: 'botao_tela_modo_camuflado',
      btn_fim: '1',
      btn_fim_action: 'none',
      chooseone: 'b',
      freetext: rand,
      groupq: 4,
      groupq_2: 'N',
      groupq_4: 'Y',
      groupq_reb: 'Y',
      groupq_refa: 'N',
      skill: '[0]',
      yesno1: 'Y',
    });
    user = await userItem(account.id);
    expect([user.quiz_detectou_violencia, user.primeiro_quiz_detectou_violencia]).toEqual([1, 1]);
  });

  it('is gone from GET /me once finished', async () => {
    const me = await getMe(account);
    expect(me.quiz_session).toBeUndefined();
    expect(me.modules.map((m: { code: string }) => m.code)).not.toContain('quiz');
  });

  it('a finished session takes no more answers (session_not_match, as the original)', async () => {
    const reply = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: sessionId, BT51: 1 } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: 'session_not_match',
      message: 'Sessão do quiz desta resposta não confere com a sessão atual. Reinicie o aplicativo.',
    });
    // Nothing was started by the refusal.
    const sessions = (await h.table.partition(ownerPartition(account.id))).filter((item) => String(item.sk).startsWith('QUIZ_SESSION#'));
    expect(sessions).toHaveLength(1);
  });

  it('the assistant starts it over (reset_questionnaire, BT_RETURN)', async () => {
    const assistant = `A${account.user.cpf_hash.slice(0, 4)}`;
    let quiz = await answer(account, { session_id: assistant, reset_questionnaire: 'N' });
    expect(quiz.session_id).toBe(assistant);
    expect(quiz.prev_msgs).toBeNull();
    expect(quiz.current_msgs[0]).toMatchObject({ type: 'button', ref: 'BT_RETURN', label: 'Retornar' });
    expect(quiz.current_msgs[0].content).toMatch(/única/);

    expect(await answer(account, { session_id: assistant, BT_RETURN: 1 })).toEqual({ finished: 1, end_screen: '/mainboard?page=chat' });
    expect((await answer(account, { session_id: assistant, reset_questionnaire: 'X' })).current_msgs[0]).toMatchObject({
      content: 'Valor para reset_questionnaire precisa ser Y ou N',
      style: 'error',
    });
    expect((await answer(account, { session_id: assistant })).current_msgs[0].content).toBe('Não entendo outros campos.');

    quiz = await answer(account, { session_id: assistant, reset_questionnaire: 'Y' });
    expect(quiz.current_msgs[0]).toMatchObject({ type: 'displaytext', content: 'intro1' });
    expect(Number.isInteger(quiz.session_id)).toBe(true);
    expect(quiz.session_id).not.toBe(sessionId);
    expect((await userItem(account.id)).quiz_assistant_yes_count).toBe(1);
    expect((await getMe(account)).quiz_session.session_id).toBe(quiz.session_id);
  });
});

describe('POST /me/quiz refusals', () => {
  it('answers bad session ids in the original format', async () => {
    const account = await h.seedAccount();
    const missing = await h.app.post('/me/quiz', { apiKey: account.session, query: { YN40: 'Y' } });
    expect([missing.status, missing.body.error, missing.body.field, missing.body.reason]).toEqual([400, 'form_error', 'session_id', 'is_required']);
    const text = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: 'abc' } });
    expect([text.status, text.body.error, text.body.field, text.body.reason]).toEqual([400, 'form_error', 'session_id', 'invalid']);
    const long = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: 1 }, form: { FT41: 'x'.repeat(10_001) } });
    expect([long.status, long.body.error, long.body.field, long.body.reason]).toEqual([400, 'form_error', 'FT41', 'invalid_max_length']);
    const unknown = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: 999999 } });
    expect([unknown.status, unknown.body.error]).toEqual([400, 'quiz_not_active']);
  });

  it("refuses another user's session and leaves it unchanged", async () => {
    const [owner, other] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    await getMe(owner);
    const ownerSession = (await getMe(owner)).quiz_session.session_id;
    const before = await sessionItem(owner.id, ownerSession);
    const reply = await h.app.post('/me/quiz', { apiKey: other.session, query: { session_id: ownerSession, YN40: 'Y' } });
    expect([reply.status, reply.body.error]).toEqual([400, 'quiz_not_active']);
    expect(await sessionItem(owner.id, ownerSession)).toEqual(before);
  });

  it('takes concurrent answers one at a time', async () => {
    const account = await h.seedAccount();
    await getMe(account);
    const id = (await getMe(account)).quiz_session.session_id;
    const replies = await Promise.all([
      h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: id, YN40: 'Y' } }),
      h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: id, YN40: 'N' } }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const stored = (await sessionItem(account.id, id))!;
    const responses = JSON.parse(String(stored.responses));
    // Exactly one answer was taken; the other saw the next question and was told its field was not sent.
    expect(['Y', 'N']).toContain(responses.yesno1);
    const stash = JSON.parse(String(stored.stash));
    expect(stash.prev_msgs.filter((m: { ref?: string }) => m.ref === 'YN40')).toHaveLength(1);
    expect(stored.version).toBeGreaterThanOrEqual(3);
  });

  it('concurrent first loads share one session', async () => {
    const account = await h.seedAccount();
    await getMe(account);
    const [a, b, c] = await Promise.all([getMe(account), getMe(account), getMe(account)]);
    expect(new Set([a.quiz_session.session_id, b.quiz_session.session_id, c.quiz_session.session_id]).size).toBe(1);
    expect((await getMe(account)).quiz_session.session_id).toBe(a.quiz_session.session_id);
  });

  it('a man gets no automatic quiz from this content', async () => {
    const account = await h.seedAccount({ genero: 'Masculino' });
    await getMe(account);
    // The fixture's automatic questionnaire has no condition on gender; its other one only for men.
    const me = await getMe(account);
    expect(me.quiz_session.current_msgs.at(-1).content).toBe('yesno question☺️⚠️👍👭🤗🤳');
  });
});
