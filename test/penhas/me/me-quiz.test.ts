/**
 * GET /me and PUT /me while a quiz is pending: the quiz replaces the modules
 * (the quiz engine decides when one is pending; here, the automatic
 * questionnaire of the original's 010-quiz test).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';
import { automaticQuiz, installQuizContent } from '../quiz/fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

beforeAll(async () => {
  await installQuizContent(h.table, { questionnaires: [automaticQuiz], mfOrder: [], anonConfig: { greeting: 'oi' } });
});

describe('GET /me with a pending quiz', () => {
  it('answers the quiz in place of the modules, with the profile as always', async () => {
    const account = await h.seedAccount();
    // The first request after a login never shows the quiz.
    expect((await h.app.get('/me', { apiKey: account.session })).body.modules.length).toBeGreaterThan(1);
    const reply = await h.app.get('/me', { apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body.modules).toEqual([{ code: 'quiz', meta: {} }]);
    expect(reply.body.quiz_session).toMatchObject({ session_id: expect.any(Number), current_msgs: expect.any(Array) });
    expect(reply.body.user_profile.email).toBe(account.email);

    const put = await h.app.put('/me', { apiKey: account.session, query: { apelido: 'Nova' } });
    expect(put.body.modules).toEqual([{ code: 'quiz', meta: {} }]);
    expect(put.body.quiz_session.session_id).toBe(reply.body.quiz_session.session_id);
  });

  it('gives men the quiz too when it is pending for them', async () => {
    const account = await h.seedAccount({ genero: 'Masculino' });
    await h.app.get('/me', { apiKey: account.session });
    expect((await h.app.get('/me', { apiKey: account.session })).body.modules).toEqual([{ code: 'quiz', meta: {} }]);
  });
});
