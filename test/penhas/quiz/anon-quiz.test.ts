/**
 * 058-anon-quiz through the gateway: the anonymous questionnaires behind the
 * shared token (`ANON_QUIZ_SECRET`, set for the local runtime), sessions
 * started, read back and answered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';
import { installQuizContent } from './fixtures.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const token = String(penhas.localEnvironment?.ANON_QUIZ_SECRET);

beforeAll(async () => {
  await installQuizContent(h.table);
});

describe('anonymous questionnaires (058-anon-quiz)', () => {
  it('refuses a missing or wrong token', async () => {
    const missing = await h.app.get('/anon-questionnaires');
    expect([missing.status, missing.body.error, missing.body.field, missing.body.reason]).toEqual([400, 'form_error', 'token', 'is_required']);
    const wrong = await h.app.get('/anon-questionnaires', { query: { token: 'wrong' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'token_invalid', message: 'invalid token', field: 'token', reason: 'invalid' });
    for (const [method, path] of [
      ['GET', '/anon-questionnaires/config'],
      ['POST', '/anon-questionnaires/new'],
      ['GET', '/anon-questionnaires/history'],
      ['POST', '/anon-questionnaires/process'],
    ]) {
      const reply = await h.app.request(method, path, { query: { token: 'wrong', session_id: 1, questionnaire_id: 2, remote_id: 'x' } });
      expect([reply.status, reply.body.error], path).toEqual([400, 'token_invalid']);
    }
  });

  it('lists the questionnaires open without an account, and the configuration', async () => {
    const list = await h.app.get('/anon-questionnaires', { query: { token } });
    expect(list.status).toBe(200);
    expect(list.body.questionnaires[0]).toEqual({
      id: 2,
      name: 'anon-test',
      end_screen: 'anon-end',
      condition: '1',
      penhas_start_automatically: 0,
      penhas_cliente_required: 0,
    });
    expect(list.body.questionnaires.map((q: { id: number }) => q.id)).toEqual([2, 3]);
    const config = await h.app.get('/anon-questionnaires/config', { query: { token } });
    expect([config.status, config.body]).toEqual([200, { greeting: 'oi' }]);
  });

  it('starts a session, reads it back, validates CEP answers', async () => {
    const first = await h.app.post('/anon-questionnaires/new', {
      query: { token, questionnaire_id: 2, remote_id: 'test-remote', init_responses: '{"foo":"bar"}' },
    });
    expect(first.status).toBe(200);
    const sessionId = first.body.quiz_session.session_id;
    expect(Number.isInteger(sessionId)).toBe(true);

    const notFound = await h.app.get('/anon-questionnaires/history', { query: { token, session_id: 0 } });
    expect([notFound.status, notFound.body.error, notFound.body.field]).toEqual([400, 'session_id_invalid', 'session_id']);
    const history = await h.app.get('/anon-questionnaires/history', { query: { token, session_id: sessionId } });
    expect(history.status).toBe(200);
    expect(history.body).toEqual(first.body);

    const input = first.body.quiz_session.current_msgs.at(-1);
    expect(input).toMatchObject({ type: 'onlychoice', content: 'choose one', code: 'chooseone' });
    expect(input.ref).toBeTruthy();

    const second = await h.app.post('/anon-questionnaires/process', { query: { token, session_id: sessionId, [input.ref]: 0 } });
    expect(second.status).toBe(200);
    const cep = second.body.quiz_session.current_msgs.at(-1);
    expect(cep).toMatchObject({ type: 'text', content: 'digite seu cep', code: 'cep_01' });

    const tries: [string, RegExp][] = [
      ['0', /Não encontrei dígitos suficiente para começar/],
      ['abc', /Não encontrei os dígitos para buscar o CEP/],
      ['03610-0200', /Encontrei dígitos demais para buscar o CEP/],
      // A well-formed CEP the geocoder does not know.
      ['03610-020', /Não encontrei a rua do CEP 03610-020!/],
    ];
    for (const [value, message] of tries) {
      const reply = await h.app.post('/anon-questionnaires/process', { query: { token, session_id: sessionId, [cep.ref]: value } });
      expect(reply.status).toBe(200);
      expect(reply.body.quiz_session.current_msgs[0].content).toMatch(message);
      expect(reply.body.quiz_session.current_msgs[0].style).toBe('error');
    }

    // A CEP the geocoder knows (Avenida Paulista): the three nearest support points, one line each.
    const found = await h.app.post('/anon-questionnaires/process', { query: { token, session_id: sessionId, [cep.ref]: '01310-100' } });
    expect(found.status).toBe(200);
    const shown = (found.body.quiz_session.current_msgs as { content?: string; style?: string }[]).map((msg) => msg.content ?? '');
    const heading = shown.findIndex((content) => content.startsWith('Este são os resultados que encontrei para '));
    expect(heading).toBeGreaterThanOrEqual(0);
    const lines = shown.slice(heading + 1, heading + 4);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/localizado na |telefone \+55/);
  });

  it('finishes a session; its history still answers after the end', async () => {
    const started = await h.app.post('/anon-questionnaires/new', { query: { token, questionnaire_id: 3, remote_id: 'r', init_responses: '{"foo":"bar"}' } });
    const sessionId = started.body.quiz_session.session_id;
    let reply = await h.app.post('/anon-questionnaires/process', {
      query: { token, session_id: sessionId, [started.body.quiz_session.current_msgs.at(-1).ref]: 'Y' },
    });
    const button = reply.body.quiz_session.current_msgs.at(-1);
    expect(button).toMatchObject({ type: 'button', code: 'fim', label: 'Enviar' });
    reply = await h.app.post('/anon-questionnaires/process', { query: { token, session_id: sessionId, [button.ref]: 1 } });
    expect(reply.body.quiz_session).toEqual({ finished: 1, end_screen: 'resposta=Y bar' });
    const history = await h.app.get('/anon-questionnaires/history', { query: { token, session_id: sessionId } });
    expect(history.status).toBe(200);
    expect(history.body.quiz_session.finished).toBe(1);
  });

  it('refuses bad parameters in the original format', async () => {
    const cases: [Record<string, string | number>, string, string][] = [
      [{ remote_id: 'r' }, 'form_error', 'questionnaire_id'],
      [{ questionnaire_id: 'x', remote_id: 'r' }, 'form_error', 'questionnaire_id'],
      [{ questionnaire_id: 2 }, 'form_error', 'remote_id'],
      [{ questionnaire_id: 2, remote_id: 'r'.repeat(101) }, 'form_error', 'remote_id'],
      [{ questionnaire_id: 2, remote_id: 'r', init_responses: '[1]' }, 'json_invalid', 'init_stash'],
      [{ questionnaire_id: 2, remote_id: 'r', init_responses: '{' }, 'json_invalid', 'init_stash'],
      [{ questionnaire_id: 4, remote_id: 'r' }, 'questionnaire_id_not_found', 'questionnaire_id'],
      [{ questionnaire_id: 999, remote_id: 'r' }, 'questionnaire_id_not_found', 'questionnaire_id'],
    ];
    for (const [query, error, field] of cases) {
      const reply = await h.app.post('/anon-questionnaires/new', { query: { token, ...query } });
      expect([reply.status, reply.body.error, reply.body.field], JSON.stringify(query)).toEqual([400, error, field]);
    }
    const process = await h.app.post('/anon-questionnaires/process', { query: { token, session_id: 'abc' } });
    expect([process.status, process.body.error, process.body.field, process.body.reason]).toEqual([400, 'form_error', 'session_id', 'invalid']);
  });
});
