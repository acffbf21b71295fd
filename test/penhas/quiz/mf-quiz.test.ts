/**
 * 142-mf-quiz through the gateway: the Manual de Fuga session started by
 * posting the `MF…` id, blocks changed and followed in order, tasks given by
 * the answers (and removed when a block says so), the progress completed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { ownerPartition } from '../../../functions/penhas/keys.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';
import { installQuizContent } from './fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

beforeAll(async () => {
  await installQuizContent(h.table);
});

const partition = (account: SeededAccount) => h.table.partition(ownerPartition(account.id));
const mfControl = async (account: SeededAccount) => (await partition(account)).find((item) => item.sk === 'MF_SESSION_CONTROL');
const sessionItem = async (account: SeededAccount, id: number) =>
  (await partition(account)).find((item) => item.sk === `QUIZ_SESSION#${String(id).padStart(12, '0')}`);
/** Catalog ids of her live tasks, sorted. */
const liveTasks = async (account: SeededAccount) =>
  (await partition(account))
    .filter((item) => String(item.sk).startsWith('MF_CLIENTE_TAREFA#') && item.removido_em === undefined)
    .map((item) => item.mf_tarefa_id as number)
    .sort((a, b) => a - b);

const post = async (account: SeededAccount, query: Record<string, string | number>) => {
  const reply = await h.app.post('/me/quiz', { apiKey: account.session, query });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.quiz_session;
};

describe('the Manual de Fuga (142-mf-quiz)', () => {
  it('starts with the MF id, moves through the blocks, gives tasks and completes', async () => {
    const account = await h.seedAccount();
    const mfId = `MF${account.user.cpf_hash.slice(0, 4)}`;

    let quiz = await post(account, { session_id: mfId });
    expect(await mfControl(account)).toMatchObject({ status: 'inProgress', completed_questionnaires_id: [] });
    const sessionId = quiz.session_id as number;
    expect(Number.isInteger(sessionId)).toBe(true);
    expect(quiz.current_msgs[0].content).toMatch(/bem-vinda ao Manual de Fuga do PenhaS\./);
    expect(quiz.current_msgs.at(-1).content).toMatch(/Separamos o conteúdo em quatro blocos/);
    const ocRef = quiz.current_msgs.at(-1).ref as string;
    expect(ocRef).toMatch(/^OC/);
    expect((await mfControl(account))?.current_clientes_quiz_session).toBe(sessionId);

    // Posting the MF id again while one is in progress.
    quiz = await post(account, { session_id: mfId });
    // The original answers this under the assistant's session id.
    expect(quiz.session_id).toBe(`A${account.user.cpf_hash.slice(0, 4)}`);
    expect(quiz.current_msgs[0].content).toMatch(/existe um manual de fuga em andamento\./);

    quiz = await post(account, { session_id: sessionId, [ocRef]: 0 });
    expect(quiz.current_msgs.at(-1)).toMatchObject({ type: 'yesnomaybe' });
    expect(quiz.current_msgs.at(-1).content).toMatch(/Você tem para onde ir\?/);
    expect((await mfControl(account))?.completed_questionnaires_id).toEqual([7]);
    expect(await liveTasks(account)).toEqual([1]);

    quiz = await post(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 'Y' });
    expect((await mfControl(account))?.completed_questionnaires_id).toEqual([7, 9]);
    expect(quiz.current_msgs[0].content).toMatch(/Que bom que você não está sozinha/);
    expect(quiz.current_msgs.at(-1).type).toBe('text');
    // T9 for the answer, T5 shown with the text, then removed as block 10 starts; the tag is kept with her progress.
    expect(await liveTasks(account)).toEqual([1, 9]);
    expect((await mfControl(account))?.tags).toEqual(['TAG_B1']);

    quiz = await post(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 'foo bar' });
    expect((await mfControl(account))?.completed_questionnaires_id).toEqual([7, 9, 10]);
    expect(quiz.current_msgs[0].content).toMatch(/teste mc/);
    expect(quiz.current_msgs.at(-1).type).toBe('multiplechoices');

    quiz = await post(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: '0,2' });
    expect(quiz.current_msgs[0].content).toMatch(/Até mais/);
    expect(quiz.current_msgs.at(-1).type).toBe('button');
    const { start_time, ...responses } = JSON.parse(String((await sessionItem(account, sessionId))?.responses));
    expect(start_time).toEqual(expect.any(Number));
    expect(responses).toEqual({ b0_p0: 'p0a', b1_p1: 'Y', b2_primeira_e_ultima: 'foo bar', MC_X: '[0,2]', MC_X_json: '["A","C"]' });

    quiz = await post(account, { session_id: sessionId, [quiz.current_msgs.at(-1).ref]: 'ok' });
    expect(quiz).toEqual({ finished: 1, end_screen: '/mainboard?page=escapemanual' });
    const control = await mfControl(account);
    expect(control).toMatchObject({ status: 'completed', completed_questionnaires_id: [], current_clientes_quiz_session: null });
    expect(typeof control?.completed_at).toBe('string');
    expect((await partition(account)).find((item) => item.sk === 'PROFILE')?.ja_completou_mf).toBe(1);

    // The finished session takes no more answers.
    const refused = await h.app.post('/me/quiz', { apiKey: account.session, query: { session_id: sessionId } });
    expect(refused.status).toBe(400);

    // Starting over: a new session from the first block.
    quiz = await post(account, { session_id: mfId });
    expect(quiz.current_msgs[0].content).toMatch(/bem-vinda/);
    expect(quiz.session_id).not.toBe(sessionId);
  });

  it('the MF address review answers the original error when no questionnaire is set for it', async () => {
    const account = await h.seedAccount();
    const quiz = await post(account, { session_id: `MF:Address${account.user.cpf_hash.slice(0, 4)}` });
    expect(quiz.current_msgs).toEqual([{ type: 'displaytext', content: 'Não foi encontrado o questionário para refazer o endereço', style: 'error' }]);
    expect(quiz.prev_msgs).toBeNull();
  });
});
