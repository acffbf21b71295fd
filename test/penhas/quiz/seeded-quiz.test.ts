/**
 * The quiz content the service ships (seeded at start), answered as the app
 * does: the first quiz replacing the modules, its violence verdict and the
 * camouflage tutorial, skills from the catalog, the assistant's "answer
 * again", and the Manual de Fuga giving catalog tasks.
 */
import { describe, expect, it } from 'vitest';
import { quizContent } from '../../../functions/penhas/content/quiz/questionnaires.ts';
import { assistantChatBlock } from '../../../functions/penhas/quiz/me-quiz.ts';
import penhas from '../../../functions/penhas/service.ts';
import { ownerPartition, QUIZ_CONTENT_PARTITION } from '../../../functions/penhas/keys.ts';
import type { UserRecord } from '../../../functions/penhas/accounts/users.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const profile = async (account: SeededAccount) => (await h.table.partition(ownerPartition(account.id))).find((item) => item.sk === 'PROFILE') as UserRecord;

const post = async (account: SeededAccount, query: Record<string, string | number>) => {
  const reply = await h.app.post('/me/quiz', { apiKey: account.session, query });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.quiz_session;
};

/** Answers the message on screen with `value(message)` until the session finishes; the messages seen. */
async function answerAll(account: SeededAccount, first: any, value: (message: any) => string) {
  const seen: string[] = [];
  let quiz = first;
  const sessionId = quiz.session_id;
  for (let step = 0; step < 40 && !quiz.finished; step++) {
    seen.push(...quiz.current_msgs.map((m: { content: string }) => m.content));
    const input = quiz.current_msgs.at(-1);
    quiz = await post(account, { session_id: sessionId, [input.ref]: value(input) });
  }
  return { end: quiz, seen };
}

describe('the seeded quiz content', () => {
  it('is in the table after start', async () => {
    const items = await h.table.partition(QUIZ_CONTENT_PARTITION);
    expect(items.filter((item) => item.kind === 'questionnaire')).toHaveLength(quizContent.questionnaires.length);
  });

  it('the first quiz: violence found, camouflage on, skills kept, then the assistant starts it again', async () => {
    const maria = await h.seedAccount({ apelido: 'Maria' });
    expect((await h.app.get('/me', { apiKey: maria.session })).body.quiz_session).toBeUndefined();
    const me = (await h.app.get('/me', { apiKey: maria.session })).body;
    expect(me.modules).toEqual([{ code: 'quiz', meta: {} }]);
    expect(me.quiz_session.current_msgs[0].content).toBe('Olá, Maria! Eu sou a assistente do PenhaS.');

    const { end, seen } = await answerAll(maria, me.quiz_session, (m) =>
      m.type === 'yesno' || m.type === 'yesnomaybe' ? 'Y' : m.type === 'button' ? '1' : m.type === 'text' ? 'com medo' : '0',
    );
    expect(seen).toContain('Obrigada por confiar em mim, Maria. Pelas suas respostas, você pode estar em situação de violência. Você não está sozinha.');
    expect(end).toEqual({ finished: 1, end_screen: '/mainboard?page=feed' });
    const user = await profile(maria);
    expect(user).toMatchObject({ quiz_detectou_violencia: 1, primeiro_quiz_detectou_violencia: 1, modo_camuflado_ativo: 1, modo_anonimo_ativo: 1 });
    expect(user.skills).toEqual([1]);
    expect((await h.app.get('/me', { apiKey: maria.session })).body.quiz_session).toBeUndefined();

    const block = assistantChatBlock(user) as any;
    expect(block.quiz_session.current_msgs[0].content).toMatch(
      /^De acordo com as respostas do questionário realizado no dia \d\d\/\d\d\/\d{4}, identifiquei que você estava em situação de risco\.$/,
    );
    expect(block.quiz_session.current_msgs[1]).toEqual({ content: 'Deseja responder o questionário novamente?', ref: 'reset_questionnaire', type: 'yesno' });

    const again = await post(maria, { session_id: block.quiz_session.session_id, reset_questionnaire: 'Y' });
    expect(again.current_msgs[0].content).toBe('Olá, Maria! Eu sou a assistente do PenhaS.');
    expect((await h.app.get('/me', { apiKey: maria.session })).body.quiz_session.session_id).toBe(again.session_id);
  });

  it('the first quiz without violence: no verdict of violence, the first verdict kept as 0', async () => {
    const ana = await h.seedAccount();
    await h.app.get('/me', { apiKey: ana.session });
    const me = (await h.app.get('/me', { apiKey: ana.session })).body;
    const { end, seen } = await answerAll(ana, me.quiz_session, (m) =>
      m.type === 'yesno'
        ? m.content.startsWith('Podemos conversar')
          ? 'Y'
          : 'N'
        : m.type === 'yesnomaybe'
          ? 'N'
          : m.type === 'button'
            ? '1'
            : m.type === 'text'
              ? 'bem'
              : '0',
    );
    expect(seen).toContain('Obrigada por responder! Que bom saber que você está bem. O PenhaS está aqui sempre que precisar.');
    expect(end.finished).toBe(1);
    const user = await profile(ana);
    expect(user.quiz_detectou_violencia).toBeUndefined();
    expect(user.primeiro_quiz_detectou_violencia).toBe(0);
  });

  it('men get no automatic quiz', async () => {
    const joao = await h.seedAccount({ genero: 'Masculino' });
    await h.app.get('/me', { apiKey: joao.session });
    const me = (await h.app.get('/me', { apiKey: joao.session })).body;
    expect(me.quiz_session).toBeUndefined();
    expect(assistantChatBlock(await profile(joao))).toBeUndefined();
  });

  it('the Manual de Fuga gives catalog tasks as she answers, and completes', async () => {
    const maria = await h.seedAccount();
    const first = await post(maria, { session_id: `MF${maria.user.cpf_hash.slice(0, 4)}` });
    const { end } = await answerAll(maria, first, (m) => (m.type === 'yesno' || m.type === 'yesnomaybe' ? 'Y' : m.type === 'text' ? 'girassol' : '0'));
    expect(end).toEqual({ finished: 1, end_screen: '/mainboard?page=escapemanual' });
    const partition = await h.table.partition(ownerPartition(maria.id));
    const tasks = partition
      .filter((item) => String(item.sk).startsWith('MF_CLIENTE_TAREFA#') && item.removido_em === undefined)
      .map((item) => item.mf_tarefa_id);
    expect(tasks.length).toBeGreaterThan(10);
    expect(tasks).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 9, 18, 19]));
    expect(partition.find((item) => item.sk === 'MF_SESSION_CONTROL')).toMatchObject({ status: 'completed', tags: ['MF_PASSOS'] });
    const list = await h.app.get('/me/tarefas', { apiKey: maria.session, query: { modificado_apos: 0 } });
    expect(list.status).toBe(200);
    expect(list.body.mf_assistant.title).toBe('Refazer o meu Manual de Fuga');

    // "Revisar Transporte": the transport tasks removed, then given again from the new answer.
    const liveTasks = async () =>
      (await h.table.partition(ownerPartition(maria.id)))
        .filter((item) => String(item.sk).startsWith('MF_CLIENTE_TAREFA#') && item.removido_em === undefined)
        .map((item) => item.mf_tarefa_id as number);
    let review = await post(maria, { session_id: `MF:Address${maria.user.cpf_hash.slice(0, 4)}` });
    expect(review.current_msgs.at(-1)).toMatchObject({ type: 'multiplechoices' });
    expect(await liveTasks()).not.toEqual(expect.arrayContaining([18]));
    review = await post(maria, { session_id: review.session_id, [review.current_msgs.at(-1).ref]: '1' });
    expect(review.current_msgs.map((m: { content: string }) => m.content)).toContain('Deixe o carro pronto para sair.');
    expect(await liveTasks()).toEqual(expect.arrayContaining([17, 20]));
    expect(await liveTasks()).not.toEqual(expect.arrayContaining([18]));
    review = await post(maria, { session_id: review.session_id, [review.current_msgs.at(-1).ref]: '1' });
    expect(review).toEqual({ finished: 1, end_screen: '/mainboard?page=escapemanual' });
  });
});
