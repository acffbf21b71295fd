import { describe, expect, it } from 'vitest';
import {
  initQuestionnaireStash,
  loadQuizSession,
  mfNextQuestionnaireId,
  newContext,
  newMfControl,
  processQuizSession,
  QuizConfigError,
  type SessionState,
} from '../../../functions/penhas/quiz/engine.ts';
import type { QuizContent } from '../../../functions/penhas/quiz/content.ts';
import { quizContent } from '../../../functions/penhas/content/quiz/questionnaires.ts';
import { automaticQuiz, fixtureContent } from './fixtures.ts';

const user = { id: 1, apelido: 'Quiz User Name', genero: 'Feminino' };

/** A tiny harness: a session the tests answer, with the effects of each step. */
function sessionOf(questionnaireId: number, content: QuizContent = fixtureContent, options: { isAnon?: boolean; mf?: boolean } = {}) {
  const questionnaire = content.questionnaires.find((q) => q.id === questionnaireId)!;
  const state: SessionState = {
    id: 77,
    questionnaire_id: questionnaireId,
    stash: {
      ...initQuestionnaireStash(questionnaire, { isAnon: options.isAnon ?? false, skills: [{ id: 3, skill: 'Advogada' }] }),
      ...(options.mf ? { is_mf: 1, mf_control_id: 1 } : {}),
    },
    responses: { start_time: 1 },
  };
  const mf = options.mf ? { ...newMfControl(), status: 'inProgress' as const, current_clientes_quiz_session: 77 } : undefined;
  const ctx = () => newContext({ user: options.isAnon ? undefined : user, isAnon: options.isAnon ?? false, content, mf, random: () => 0.5, now: () => 1000 });
  let last = ctx();
  return {
    state,
    mf,
    get ctx() {
      return last;
    },
    show() {
      last = ctx();
      return loadQuizSession(last, state);
    },
    answer(params: Record<string, string>) {
      last = ctx();
      return processQuizSession(last, state, params);
    },
  };
}

const msgs = (result: { quizSession: Record<string, unknown> }) => result.quizSession.current_msgs as Record<string, any>[];

describe('the engine on 010-quiz', () => {
  it('walks every message type to the end screen', () => {
    const s = sessionOf(4);
    let shown = s.show();
    expect(shown.updateDb).toBe(true);
    expect(msgs(shown).map((m) => m.content)).toEqual(['intro1', 'HELLOQuiz User Name!', 'yesno question☺️⚠️👍👭🤗🤳']);
    const yesno = msgs(shown).at(-1)!;
    expect(yesno).toEqual({ type: 'yesno', content: 'yesno question☺️⚠️👍👭🤗🤳', ref: 'YN40' });

    // A wrong value: the error first, the same messages after it.
    let answer = s.answer({ YN40: 'X' });
    expect(msgs(answer).map((m) => [m.content, m.style])).toEqual([
      ['Campo YN40 deve ser Y ou N', 'error'],
      ['intro1', 'normal'],
      ['HELLOQuiz User Name!', 'normal'],
      ['yesno question☺️⚠️👍👭🤗🤳', undefined],
    ]);
    expect(answer.quizSession.prev_msgs).toBeNull();

    // A missing answer says so.
    expect(msgs(s.answer({ other: '1' }))[0].content).toBe('Campo YN40 nao foi enviado');

    answer = s.answer({ YN40: 'Y' });
    expect(msgs(answer).at(-1)).toMatchObject({ type: 'text', content: 'question for YES', ref: 'FT41' });
    answer = s.answer({ FT41: '0.123' });
    expect(msgs(answer)).toEqual([{ type: 'yesno', content: 'Question A', ref: 'YN43_2' }]);
    answer = s.answer({ YN43_2: 'N' });
    expect(msgs(answer)).toEqual([{ type: 'yesno', content: 'Question B', ref: 'YN43_3' }]);
    answer = s.answer({ YN43_3: 'Y' });
    const mc = msgs(answer).at(-1)!;
    expect(mc).toMatchObject({
      type: 'multiplechoices',
      ref: 'MC44',
      options: [
        { display: 'skill a', index: 0 },
        { display: 'skill b', index: 1 },
      ],
    });

    answer = s.answer({ MC44: '0' });
    expect(msgs(answer).map((m) => m.content)).toEqual(['displaytext flow', 'btn_responder_zero']);
    expect(msgs(answer)[1]).toMatchObject({
      type: 'button',
      action: 'botao_tela_modo_camuflado',
      ending_action_text: 'Modo camuflado ativado',
      ending_cancel_text: 'Tutorial cancelado',
      label: 'Visualizar',
    });
    expect(s.ctx.userChanges).toEqual({});

    answer = s.answer({ BT46: '0' });
    expect(s.ctx.userChanges).toEqual({ modo_camuflado_ativo: 0, modo_anonimo_ativo: 1, quiz_detectou_violencia: 1 });
    expect(msgs(answer).map((m) => m.content)).toEqual(['btn_camuflado1=PASS', 'btn_responder_com1']);
    answer = s.answer({ BT48: '1' });
    expect(s.ctx.userChanges.modo_camuflado_ativo).toBe(1);
    expect(msgs(answer).map((m) => m.content)).toEqual(['btn_camuflado2=PASS2', 'choose one']);
    expect(msgs(answer)[1].options).toEqual([
      { display: 'option a', index: 0 },
      { display: 'option b', index: 1 },
    ]);
    expect(msgs(s.answer({ OC50: '7' }))[0].content).toBe('Campo OC50 deve um número');
    answer = s.answer({ OC50: '1' });
    expect(msgs(answer).at(-1)).toMatchObject({ type: 'button', content: 'final', action: 'none', label: 'Enviar' });

    shown = s.show();
    const prev = shown.quizSession.prev_msgs as Record<string, any>[];
    expect(prev).toHaveLength(13);
    for (const m of prev) expect(m.type === 'displaytext' ? m.content : m.display_response).toBeTruthy();

    answer = s.answer({ BT51: '1' });
    expect(answer.quizSession).toEqual({ finished: 1, end_screen: 'freetext=0.123' });
    expect(answer.finished).toBe(true);
    expect(s.ctx.userChanges).toEqual({ recalcPrimeiroQuiz: true });
    const { start_time, ...responses } = s.state.responses;
    expect(start_time).toBe(1);
    expect(responses).toEqual({
      yesno1: 'Y',
      freetext: '0.123',
      groupq: 4,
      groupq_refa: 'N',
      groupq_2: 'N',
      groupq_reb: 'Y',
      groupq_4: 'Y',
      skill: '[0]',
      skill_json: '["a"]',
      btn_camuflado1: '0',
      btn_camuflado1_action: 'botao_tela_modo_camuflado',
      btn_camuflado2: '1',
      btn_camuflado2_action: 'botao_tela_modo_camuflado',
      chooseone: 'b',
      btn_fim: '1',
      btn_fim_action: 'none',
    });
  });

  it('validates multiple choices and keeps only known options', () => {
    const s = sessionOf(4);
    s.show();
    s.answer({ YN40: 'N' });
    s.answer({ FT41: 'x' });
    s.answer({ FT42: 'no path' });
    s.answer({ YN43_2: 'Y' });
    s.answer({ YN43_3: 'Y' });
    expect(s.state.responses.groupq).toBe(6);
    expect(msgs(s.answer({ MC44: 'a,b' }))[0].content).toBe('Campo MC44 deve uma lista de números');
    s.answer({ MC44: '1,5,1' });
    expect(s.state.responses.skill).toBe('[1,1]');
    expect(s.state.responses.skill_json).toBe('["b","b"]');
  });
});

describe('the engine on the Manual de Fuga (142-mf-quiz)', () => {
  it('changes blocks, follows the order and completes the MF', () => {
    const s = sessionOf(7, fixtureContent, { mf: true });
    let result = s.show();
    expect(msgs(result)[0].content).toMatch(/bem-vinda ao Manual de Fuga do PenhaS\./);
    expect(msgs(result).at(-1)!.ref).toMatch(/^OC/);

    result = s.answer({ OC70: '0' });
    expect(s.ctx.effects).toEqual([{ kind: 'addTarefas', codigos: ['T1'] }]);
    expect(s.mf!.completed_questionnaires_id).toEqual([7]);
    expect(s.state.questionnaire_id).toBe(9);
    expect(msgs(result).at(-1)).toMatchObject({ type: 'yesnomaybe', content: 'Você tem para onde ir?' });

    result = s.answer({ MYN90: 'Y' });
    expect(s.mf!.completed_questionnaires_id).toEqual([7, 9]);
    expect(s.ctx.effects).toEqual([
      { kind: 'addTarefas', codigos: ['T9'] },
      { kind: 'addTarefas', codigos: ['T5'] },
      { kind: 'addTags', codigos: ['TAG_B1'] },
      { kind: 'removeTarefas', codigos: ['T5'] },
    ]);
    expect(msgs(result)[0].content).toMatch(/Que bom que você não está sozinha/);
    expect(msgs(result).at(-1)!.type).toBe('text');

    result = s.answer({ FT100: 'foo bar' });
    expect(s.mf!.completed_questionnaires_id).toEqual([7, 9, 10]);
    expect(msgs(result)[0].content).toMatch(/teste mc/);
    expect(msgs(result).at(-1)!.type).toBe('multiplechoices');

    result = s.answer({ MC110: '0,2' });
    expect(msgs(result)[0].content).toMatch(/Até mais/);
    expect(msgs(result).at(-1)!.type).toBe('button');
    const { start_time, ...responses } = s.state.responses;
    expect(start_time).toBe(1000);
    expect(responses).toEqual({ b0_p0: 'p0a', b1_p1: 'Y', b2_primeira_e_ultima: 'foo bar', MC_X: '[0,2]', MC_X_json: '["A","C"]' });

    result = s.answer({ BT112: 'ok' });
    expect(result.quizSession).toEqual({ finished: 1, end_screen: '/mainboard?page=escapemanual' });
    expect(s.mf).toMatchObject({ status: 'completed', completed_questionnaires_id: [], current_clientes_quiz_session: null });
    expect(s.ctx.userChanges).toMatchObject({ ja_completou_mf: 1, recalcPrimeiroQuiz: true });
  });
});

describe('the engine on anonymous sessions (058-anon-quiz)', () => {
  it('shows codes, validates CEPs and lists what the lookup found', () => {
    const s = sessionOf(2, fixtureContent, { isAnon: true });
    let result = s.show();
    const input = msgs(result).at(-1)!;
    expect(input).toMatchObject({ type: 'onlychoice', content: 'choose one', code: 'chooseone' });
    expect(input.options[0]).toEqual({ display: 'option a', index: 0, code_value: 'a' });

    result = s.answer({ OC20: '0' });
    const cep = msgs(result).at(-1)!;
    expect(cep).toMatchObject({ type: 'text', content: 'digite seu cep', code: 'cep_01', ref: 'CEP21' });
    expect(msgs(s.answer({ CEP21: '0' }))[0].content).toMatch(/Não encontrei dígitos suficiente para começar/);
    expect(msgs(s.answer({ CEP21: 'abc' }))[0].content).toMatch(/Não encontrei os dígitos para buscar o CEP/);
    expect(msgs(s.answer({ CEP21: '03610-0200' }))[0].content).toMatch(/Encontrei dígitos demais para buscar o CEP/);
    expect(msgs(s.answer({ CEP21: '03610-020' }))[0].content).toBe('Não encontrei a rua do CEP 03610-020! O CEP precisa estar localizado no Brasil.');

    const ctx = newContext({ user: undefined, isAnon: true, content: fixtureContent });
    ctx.cepLookups.set('03610020', { latlng: '-23.55,-46.63', label: 'Rua X, São Paulo', results: ['ana rosa', 'kazu', 'trianon'] });
    result = processQuizSession(ctx, s.state, { CEP21: '03610-020' });
    expect(msgs(result).map((m) => m.content)).toEqual([
      'Este são os resultados que encontrei para Rua X, São Paulo',
      'ana rosa',
      'kazu',
      'trianon',
      'olá',
      'fim',
    ]);
    expect(msgs(result).at(-1)).toMatchObject({ type: 'button', label: 'Finalizar', code: 'botao_fim' });
    result = s.answer({ BT23: '1' });
    expect(result.quizSession).toEqual({ finished: 1, end_screen: 'anon-end' });
  });
});

describe('questionnaire content checks', () => {
  it('refuses inconsistent content', () => {
    const broken = (fields: Record<string, unknown>) =>
      ({ ...automaticQuiz, quiz_config: [{ id: 1, code: 'c', question: 'q', relevance: '1', ...fields }] }) as never;
    expect(() => initQuestionnaireStash(broken({ type: 'nope' }), { isAnon: false })).toThrow(QuizConfigError);
    expect(() => initQuestionnaireStash(broken({ type: 'botao_fim', question: '' }), { isAnon: false })).toThrow(/missing content/);
    expect(() =>
      initQuestionnaireStash(
        broken({
          type: 'yesnogroup',
          yesnogroup: [{ Status: 1, referencia: 'a', power2answer: 3, question: 'x' }],
        }),
        { isAnon: false },
      ),
    ).toThrow(/invalid power of two/);
    expect(() => initQuestionnaireStash(broken({ type: 'tag_user', tag: [{ codigo: 'X' }] }), { isAnon: true })).toThrow(QuizConfigError);
  });

  it('the seed content builds, every questionnaire of it', () => {
    const skills = [{ id: 1, skill: 'Advogada' }];
    for (const questionnaire of quizContent.questionnaires) {
      expect(() => initQuestionnaireStash(questionnaire, { isAnon: !questionnaire.penhas_cliente_required, skills }), questionnaire.name).not.toThrow();
    }
    const types = new Set(quizContent.questionnaires.flatMap((q) => q.quiz_config.map((c) => c.type)));
    expect([...types].sort()).toEqual(
      [
        'auto_change_questionnaire',
        'botao_fim',
        'botao_tela_modo_camuflado',
        'displaytext',
        'multiplechoices',
        'next_mf_questionnaire',
        'next_mf_questionnaire_outstanding',
        'onlychoice',
        'skillset',
        'tag_user',
        'text',
        'yesno',
        'yesnogroup',
        'yesnomaybe',
      ].sort(),
    );
  });

  it('the seed MF walks from the start block through every block to completion', () => {
    const s = sessionOf(10, quizContent, { mf: true });
    let result = s.show();
    let guard = 0;
    while (!result.finished && guard++ < 50) {
      const input = msgs(result).at(-1)!;
      const value =
        input.type === 'yesno' || input.type === 'yesnomaybe'
          ? 'Y'
          : input.type === 'onlychoice' || input.type === 'multiplechoices'
            ? '0'
            : input.type === 'button'
              ? '1'
              : 'texto';
      result = s.answer({ [input.ref]: value });
    }
    expect(result.quizSession).toEqual({ finished: 1, end_screen: '/mainboard?page=escapemanual' });
    expect(s.mf!.status).toBe('completed');
  });
});

describe('engine details', () => {
  const content = (quiz_config: QuizContent['questionnaires'][number]['quiz_config']): QuizContent => ({
    questionnaires: [{ ...automaticQuiz, id: 1, quiz_config, end_screen: 'fim' }],
    mfOrder: [],
  });

  it('ends content without a button with the generic end button (shown, then taken)', () => {
    const s = sessionOf(1, content([{ id: 1, type: 'yesno', code: 'a', question: 'a?', relevance: '1' }]));
    s.show();
    const result = s.answer({ YN1: 'Y' });
    const button = msgs(result).at(-1)!;
    expect(button).toMatchObject({ type: 'button', label: 'Finalizar', action: '', ref: 'BT_END_50000' });
    expect(button.content).toMatch(/quiz acabou sem botão fim/);
  });

  it('weighs a message again at the end of the pending list when it was not relevant yet (as the original)', () => {
    const s = sessionOf(
      1,
      content([
        { id: 1, type: 'yesno', code: 'a', question: 'a?', relevance: '1' },
        { id: 2, type: 'displaytext', code: 'later', question: 'b foi sim', relevance: "b == 'Y'" },
        { id: 3, type: 'yesno', code: 'b', question: 'b?', relevance: '1' },
        { id: 4, type: 'yesno', code: 'c', question: 'c?', relevance: '1' },
      ]),
    );
    s.show();
    expect(msgs(s.answer({ YN1: 'Y' })).map((m) => m.content)).toEqual(['b?']);
    expect(msgs(s.answer({ YN3: 'Y' })).map((m) => m.content)).toEqual(['c?']);
    expect(msgs(s.answer({ YN4: 'Y' })).map((m) => m.content)).toEqual(['b foi sim']);
  });

  it('tags with tag_user, clears tasks on SIM_LIMPA_MF, and gives a display text its tasks as it shows', () => {
    const s = sessionOf(
      1,
      content([
        { id: 1, type: 'tag_user', code: 't', question: '', relevance: '1', tag: [{ codigo: 'TAG_X' }] },
        { id: 2, type: 'displaytext', code: 'd', question: 'texto', relevance: '1', tarefas: [{ codigo: 'T3' }] },
        { id: 3, type: 'yesno', code: 'limpar', question: 'limpar?', relevance: '1', tag: [{ codigo: 'SIM_LIMPA_MF' }] },
        { id: 4, type: 'botao_fim', code: 'fim', question: 'fim', relevance: '1' },
      ]),
    );
    s.show();
    expect(s.ctx.effects).toEqual([
      { kind: 'addTags', codigos: ['TAG_X'] },
      { kind: 'addTarefas', codigos: ['T3'] },
    ]);
    s.answer({ YN3: 'N' });
    expect(s.ctx.effects).toEqual([{ kind: 'addTags', codigos: ['SIM_LIMPA_MF'] }]);
    s.state.stash.current_msgs = [];
    const again = sessionOf(1, content([{ id: 3, type: 'yesno', code: 'limpar', question: 'limpar?', relevance: '1', tag: [{ codigo: 'SIM_LIMPA_MF' }] }]));
    again.show();
    again.answer({ YN3: 'Y' });
    expect(again.ctx.effects).toEqual([{ kind: 'addTags', codigos: ['SIM_LIMPA_MF'] }, { kind: 'clearTasks' }]);
  });

  it('picks the next MF block in order, outstanding ones first when asked', () => {
    const mf = { ...newMfControl(), completed_questionnaires_id: [7] };
    const order: QuizContent = {
      questionnaires: [],
      mfOrder: [
        { questionnaire_id: 7, sort: 0, outstanding: false },
        { questionnaire_id: 12, sort: 3, outstanding: true },
        { questionnaire_id: 10, sort: 1, outstanding: false },
      ],
    };
    expect(mfNextQuestionnaireId(order, mf)).toBe(10);
    expect(mfNextQuestionnaireId(order, mf, true)).toBe(12);
    expect(mfNextQuestionnaireId(order, { ...mf, completed_questionnaires_id: [7, 10, 12] })).toBeUndefined();
  });

  it('stops a questionnaire that loops', () => {
    // Two questionnaires that change to each other forever.
    const looping: QuizContent = {
      questionnaires: [
        {
          ...automaticQuiz,
          id: 1,
          quiz_config: [{ id: 1, type: 'auto_change_questionnaire', code: 'x', question: '', relevance: '1', change_to_questionnaire_id: 2 }],
        },
        {
          ...automaticQuiz,
          id: 2,
          quiz_config: [{ id: 2, type: 'auto_change_questionnaire', code: 'y', question: '', relevance: '1', change_to_questionnaire_id: 1 }],
        },
      ],
      mfOrder: [],
    };
    const result = sessionOf(1, looping).show();
    expect(msgs(result)[0]).toMatchObject({ content: 'Loop no quiz detectado, entre em contato com o suporte', style: 'error' });
    expect(result.updateDb).toBe(false);
  });
});

describe('inconsistent content met on the way', () => {
  it('changing to a broken questionnaire shows the error and a button to try again', () => {
    const broken: QuizContent = {
      questionnaires: [
        {
          ...automaticQuiz,
          id: 1,
          quiz_config: [{ id: 1, type: 'auto_change_questionnaire', code: 'x', question: '', relevance: '1', change_to_questionnaire_id: 2 }],
        },
        { ...automaticQuiz, id: 2, quiz_config: [{ id: 2, type: 'botao_fim', code: 'y', question: '', relevance: '1' }] },
      ],
      mfOrder: [],
    };
    const s = sessionOf(1, broken);
    const result = s.show();
    expect(msgs(result).map((m) => m.type)).toEqual(['displaytext', 'displaytext', 'button']);
    expect(msgs(result)[0].content).toBe('Encontramos um problema para montar o questionário!');
    expect(msgs(result)[2]).toMatchObject({ ref: 'btn', action: 'reload', label: 'Tentar agora' });
  });
});
