/**
 * The quiz engine, pure: no I/O. A session is a stash (the messages still
 * pending, the ones on screen, the ones answered) and the answers so far
 * (`responses`). `loadQuizSession` advances the stash until an input is on
 * screen and renders it; `processQuizSession` takes one answer (keyed by the
 * message's `ref`), validates and records it, then loads. Both follow the
 * original engine step by step, message types, relevance re-evaluation,
 * questionnaire changes and Manual de Fuga progression included.
 *
 * What an answer changes outside the session (tasks, tags, the user's toggles,
 * the MF progress) is collected on the context, for the caller to write after
 * the session itself is written.
 */
import { perlString, perlTrue, QuizExpressionError, render, testCondition, type Vars } from './expression.ts';
import { findQuestionnaire, type Questionnaire, type QuizContent } from './content.ts';

/** A message in the stash: public members go to the app, `_`-prefixed ones stay on the server. */
export type Msg = Record<string, unknown> & { type: string };

export interface Stash {
  pending?: Msg[];
  prev_msgs?: Msg[];
  current_msgs?: Msg[];
  is_eof?: number;
  is_finished?: number;
  is_mf?: number;
  mf_control_id?: number;
  redo_addr?: number;
  [member: string]: unknown;
}

export type Responses = Record<string, unknown>;

export interface SessionState {
  id: number;
  questionnaire_id: number;
  stash: Stash;
  responses: Responses;
}

export type MfStatus = 'onboarding' | 'inProgress' | 'completed';

/** The user's Manual de Fuga progress (`cliente_mf_session_control`). */
export interface MfControl {
  status: MfStatus;
  current_clientes_quiz_session: number | null;
  completed_questionnaires_id: number[];
  started_at?: string;
  completed_at?: string | null;
  /** Tags the MF questionnaire gave her (`cliente_tag`). */
  tags?: string[];
}

/** Work outside the session, in the order the original does it. */
export type Effect =
  | { kind: 'addTarefas'; codigos: string[] }
  | { kind: 'removeTarefas'; codigos: string[] }
  | { kind: 'clearTasks' }
  | { kind: 'addTags'; codigos: string[] };

export interface UserChanges {
  modo_camuflado_ativo?: 0 | 1;
  modo_anonimo_ativo?: 0 | 1;
  quiz_detectou_violencia?: 0 | 1;
  /** Keep the first quiz's verdict (`primeiro_quiz_detectou_violencia`, set once). */
  recalcPrimeiroQuiz?: boolean;
  ja_completou_mf?: 1;
  skills?: number[];
}

/** A CEP answer resolved by the caller before processing (lookups are I/O). */
export interface CepLookup {
  /** e.g. '-23.56,-46.65'; absent when the CEP has no location. */
  latlng?: string;
  /** Human address; absent when the location has no name. */
  label?: string;
  /** Support points near it, one line each; empty when none within 50 km. */
  results: string[];
}

export interface QuizContext {
  /** The user's record (`cliente` in expressions); undefined for anonymous sessions. */
  user: Record<string, unknown> | undefined;
  isAnon: boolean;
  content: QuizContent;
  /** The user's MF progress, changed in place (`mfChanged` says so). */
  mf?: MfControl;
  mfChanged: boolean;
  effects: Effect[];
  userChanges: UserChanges;
  skills: { id: number; skill: string }[];
  /** Lookups of the CEPs in this answer, by their 8 digits. */
  cepLookups: Map<string, CepLookup>;
  /** Seconds since the epoch. */
  now(): number;
  /** 0 ≤ n < 1. */
  random(): number;
}

export function newContext(fields: Pick<QuizContext, 'user' | 'content'> & Partial<QuizContext>): QuizContext {
  return {
    isAnon: false,
    mfChanged: false,
    effects: [],
    userChanges: {},
    skills: [],
    cepLookups: new Map(),
    now: () => Math.floor(Date.now() / 1000),
    random: Math.random,
    ...fields,
  };
}

/** What the app gets under `quiz_session`. */
export type WireQuizSession = Record<string, unknown>;

export class QuizConfigError extends Error {}

const YES_NO_MAYBE: Record<string, string> = { Y: 'Sim', N: 'Não', M: 'Talvez' };

export const newDisplaytextError = (content: string, code: string): Msg => ({
  type: 'displaytext',
  content,
  style: 'error',
  _relevance: '1',
  _code: code,
  _currently_has_relevance: 1,
});

export const newDisplaytextNormal = (content: string, code: string): Msg => ({
  type: 'displaytext',
  content,
  style: 'normal',
  _relevance: '1',
  _code: code,
  _currently_has_relevance: 1,
});

/** Buttons always show; other messages only with some non-blank content. */
export function skipEmptyMsg(msg: Record<string, unknown>): boolean {
  if (msg.type === 'button') return true;
  const content = msg.content;
  return content !== undefined && perlTrue(content) && perlTrue(perlString(content).trim());
}

const isInput = (msg: Msg): boolean => msg.type !== 'displaytext';

const quizVars = (user: Record<string, unknown> | undefined, responses?: Responses): Vars => ({ cliente: user ?? {}, ...(responses ?? {}) });

/** A message's relevance now; a relevance the evaluator cannot read counts as not relevant. */
export function hasRelevance(vars: Vars, msg: Msg): number {
  if (perlString(msg._relevance) === '1') return 1;
  try {
    return testCondition(perlString(msg._relevance), { ...vars, _self: msg._code }) ? 1 : 0;
  } catch (error) {
    if (error instanceof QuizExpressionError) return 0;
    throw error;
  }
}

function anyHasRelevance(vars: Vars, msgs: Msg[]): boolean {
  for (const msg of msgs) {
    if (!msg) continue;
    if (perlString(msg._relevance) === '1' && isInput(msg)) return true;
    if (msg._relevance === undefined || msg._relevance === null) continue;
    if (isInput(msg) && hasRelevance(vars, msg)) return true;
  }
  return false;
}

/** Renders a template, or '' when the content's template cannot be read. */
function renderSafe(template: unknown, vars: Vars): string {
  if (!perlTrue(template)) return '';
  try {
    return render(perlString(template), vars);
  } catch (error) {
    if (error instanceof QuizExpressionError) return '';
    throw error;
  }
}

/** The message as the app sees it: public members, texts rendered. */
export function renderQuestion(msg: Msg, vars: Vars): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(msg)) {
    if (name.startsWith('_')) continue;
    if (name === 'options' && Array.isArray(value)) {
      out[name] = value.map((option: Record<string, unknown>) => ({ ...option, display: renderSafe(option.display, vars) }));
    } else out[name] = name.includes('content') ? renderSafe(value, vars) : value;
  }
  return out;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;

/** The stash a questionnaire starts with: its questions as messages, checked for consistency. */
export function initQuestionnaireStash(questionnaire: Questionnaire, options: { isAnon: boolean; skills?: { id: number; skill: string }[] }): Stash {
  const { isAnon } = options;
  const questions: Msg[] = [];
  const anonCode = (code: string) => (isAnon ? { code } : {});
  for (const qc of questionnaire.quiz_config) {
    const relevance = qc.relevance;
    const common = { _relevance: relevance, _tarefas: qc.tarefas ?? [], _tags: qc.tag ?? [], _code: qc.code };
    for (const intro of qc.intro ?? []) {
      questions.push({ type: 'displaytext', style: 'normal', content: intro.text, _code: qc.code, _relevance: relevance });
    }
    switch (qc.type) {
      case 'yesno':
        questions.push({ type: 'yesno', content: qc.question, ref: `YN${qc.id}`, ...common, ...anonCode(qc.code) });
        break;
      case 'yesnomaybe':
        questions.push({ type: 'yesnomaybe', content: qc.question, ref: `MYN${qc.id}`, ...common, ...anonCode(qc.code) });
        break;
      case 'text':
        questions.push({ type: 'text', content: qc.question, ref: `FT${qc.id}`, ...common, ...anonCode(qc.code) });
        break;
      case 'yesnogroup': {
        let counter = 1;
        for (const sub of qc.yesnogroup ?? []) {
          if (!perlTrue(sub.Status)) continue;
          counter++;
          questions.push({
            type: 'yesno',
            content: sub.question,
            ref: `YN${qc.id}_${counter}`,
            ...common,
            ...anonCode(`${qc.code}_${sub.referencia}`),
            _sub: { ref: `${qc.code}_${sub.referencia}`, p2a: sub.power2answer, code: qc.code },
          });
        }
        break;
      }
      case 'skillset': {
        const skills = options.skills ?? [];
        const skillIds: Record<string, number> = {};
        skills.forEach((skill, i) => {
          skillIds[String(i)] = skill.id;
        });
        questions.push({
          type: 'multiplechoices',
          content: qc.question,
          ref: `MC${qc.id}`,
          ...common,
          ...anonCode(qc.code),
          // Kept as text: the app's parser expects it so for skills.
          options: skills.map((skill, i) => ({ display: skill.skill, index: String(i) })),
          _skills: skillIds,
        });
        break;
      }
      case 'displaytext':
        questions.push({ type: 'displaytext', style: 'normal', content: qc.question, ...common, ...anonCode(qc.code) });
        break;
      case 'botao_tela_modo_camuflado':
        questions.push({
          type: 'button',
          content: qc.question,
          action: 'botao_tela_modo_camuflado',
          ending_cancel_text: 'Tutorial cancelado',
          ending_action_text: 'Modo camuflado ativado',
          ref: `BT${qc.id}`,
          label: qc.button_label || 'Visualizar',
          ...common,
          ...anonCode(qc.code),
        });
        break;
      case 'botao_fim':
        questions.push({
          type: 'button',
          content: qc.question,
          action: 'none',
          ref: `BT${qc.id}`,
          label: qc.button_label || 'Enviar',
          ...common,
          ...anonCode(qc.code),
          _end_chat: 1,
        });
        break;
      case 'multiplechoices':
      case 'onlychoice': {
        const isMc = qc.type === 'multiplechoices';
        const dbOptions: string[] = [];
        const shown = (qc.options ?? []).map((option, i) => {
          // The original escapes the first comma of a value (answers are kept as comma lists).
          const value = perlString(option.value).replace(',', '\\,');
          dbOptions[i] = value;
          return { display: option.label, index: i, ...(isAnon ? { code_value: value } : {}) };
        });
        questions.push({
          type: isMc ? 'multiplechoices' : 'onlychoice',
          content: qc.question,
          ref: `${isMc ? 'MC' : 'OC'}${qc.id}`,
          ...common,
          ...anonCode(qc.code),
          options: shown,
          _db_option: dbOptions,
        });
        break;
      }
      case 'cep_address_lookup':
        questions.push({ type: 'text', _cep_address_lookup: 1, content: qc.question, ref: `CEP${qc.id}`, ...common, ...anonCode(qc.code) });
        questions.push({ type: 'displaytext', _show_cep_results: 1, _relevance: relevance, _code: qc.code, ...anonCode(qc.code) });
        break;
      case 'auto_change_questionnaire':
        if (!qc.change_to_questionnaire_id) throw new QuizConfigError(`misssing change_to_questionnaire_id on ${qc.id}`);
        questions.push({
          type: 'auto_change_questionnaire',
          content: qc.question,
          ref: `ACQ${qc.id}`,
          ...common,
          ...anonCode(qc.code),
          _change_questionnaire: qc.change_to_questionnaire_id,
        });
        break;
      case 'tag_user':
        if (!qc.tag?.length) throw new QuizConfigError(`misssing tag on ${qc.id}`);
        if (isAnon) throw new QuizConfigError('tag_user do work on AnonymousQuizSession');
        questions.push({ type: 'tag_user', content: qc.question, ref: `TAG${qc.id}`, _relevance: relevance, _tags: qc.tag, _code: qc.code });
        break;
      case 'next_mf_questionnaire':
      case 'next_mf_questionnaire_outstanding':
        questions.push({
          type: 'next_mf_questionnaire',
          content: qc.question,
          ref: `AMF${qc.id}`,
          ...common,
          ...anonCode(qc.code),
          _next_mf_questionnaire: 1,
          _outstanding: qc.type === 'next_mf_questionnaire_outstanding' ? 1 : 0,
        });
        break;
      default:
        throw new QuizConfigError(`FATAL ERROR: question type "${String((qc as { type: unknown }).type)}" is not supported!`);
    }
  }

  // The content must be consistent before anyone answers it.
  const seenBySubCode: Record<string, Record<string, number>> = {};
  for (const question of questions) {
    const shown = JSON.stringify(question);
    if (!perlTrue(question._relevance)) throw new QuizConfigError(`${shown} is missing _relevance`);
    if (question.type === 'button') {
      for (const member of ['content', 'action', 'label', 'ref']) {
        if (!perlTrue(question[member])) throw new QuizConfigError(`question ${shown} is missing ${member}`);
      }
    } else if (question.type === 'multiplechoices') {
      if (!perlTrue(question.ref)) throw new QuizConfigError(`question ${shown} is missing ref`);
      for (const option of question.options as { display: unknown }[]) {
        if (!perlTrue(option.display)) throw new QuizConfigError('question option is missing text');
      }
    } else if (question._sub) {
      const sub = question._sub as { ref: string; p2a: number; code: string };
      for (const member of ['content', 'ref']) {
        if (!perlTrue(question[member])) throw new QuizConfigError(`question ${shown} is missing ${member}`);
      }
      seenBySubCode[sub.code] ??= {};
      const seen = seenBySubCode[sub.code];
      const count = (name: string) => {
        seen[name] = (seen[name] ?? 0) + 1;
        return seen[name];
      };
      if (count(`_${sub.ref}`) > 1) throw new QuizConfigError(`question ${shown} has duplicate reference '${sub.ref}'`);
      if (!isPowerOfTwo(sub.p2a)) throw new QuizConfigError(`question ${shown} has invalid power of two (${sub.p2a} is not a valid value)`);
      if (count(String(sub.p2a)) > 1) throw new QuizConfigError(`question ${shown} has duplicate power of two(${sub.p2a})`);
    }
  }
  return { pending: questions, prev_msgs: [] };
}

/** The stash of a questionnaire that could not be built: the error and a button to start over. */
export function errorQuestionnaireStash(error: unknown): Stash {
  return {
    prev_msgs: [],
    pending: [
      newDisplaytextError('Encontramos um problema para montar o questionário!', 'err'),
      newDisplaytextError(`${(error as Error)?.message ?? String(error)}\n`, 'err'),
      {
        type: 'button',
        content: 'Tente novamente mais tarde, e entre em contato caso o erro persista.',
        _relevance: '1',
        _currently_has_relevance: 1,
        _reset: 1,
        _code: 'ERROR',
        ref: 'btn',
        action: 'reload',
        label: 'Tentar agora',
      },
    ],
  };
}

/** The questionnaire's starting stash, or the error stash (with its retry button) when its content is inconsistent. */
function stashOrError(ctx: QuizContext, questionnaire: Questionnaire): Stash {
  try {
    return initQuestionnaireStash(questionnaire, { isAnon: ctx.isAnon, skills: ctx.skills });
  } catch (error) {
    if (error instanceof QuizConfigError) return errorQuestionnaireStash(error);
    throw error;
  }
}

// ---------------------------------------------------------------- Manual de Fuga progress

export function newMfControl(): MfControl {
  return { status: 'onboarding', current_clientes_quiz_session: null, completed_questionnaires_id: [], tags: [] };
}

function mfRegisterCompleted(ctx: QuizContext, questionnaireId: number): void {
  if (!ctx.mf) return;
  ctx.mf.completed_questionnaires_id = [...ctx.mf.completed_questionnaires_id, questionnaireId];
  ctx.mfChanged = true;
}

/** Starting an MF block removes the tasks it is set to remove (`mf_questionnaire_remove_tarefa`). */
export function mfPrepareForQuestionnaire(ctx: QuizContext, questionnaireId: number): void {
  const codigos = findQuestionnaire(ctx.content, questionnaireId)?.remove_tarefas ?? [];
  if (codigos.length) ctx.effects.push({ kind: 'removeTarefas', codigos });
}

/** The first MF block not completed yet (an outstanding one first, when asked). */
export function mfNextQuestionnaireId(content: QuizContent, mf: MfControl, outstanding = false): number | undefined {
  const order = [...content.mfOrder].sort((a, b) => a.sort - b.sort);
  const open = order.filter((entry) => !mf.completed_questionnaires_id.includes(entry.questionnaire_id));
  if (outstanding) {
    const first = open.find((entry) => entry.outstanding);
    if (first) return first.questionnaire_id;
  }
  return open[0]?.questionnaire_id;
}

function mfSetStatusCompleted(ctx: QuizContext, nowIso: string): void {
  if (!ctx.mf) return;
  if (ctx.user && !perlTrue(ctx.user.ja_completou_mf)) ctx.userChanges.ja_completou_mf = 1;
  Object.assign(ctx.mf, { status: 'completed', completed_at: nowIso, completed_questionnaires_id: [], current_clientes_quiz_session: null });
  ctx.mfChanged = true;
}

// ---------------------------------------------------------------- loading

export interface LoadOptions {
  callerIsPost?: boolean;
  prependMsgs?: Msg[];
  updateDb?: boolean;
}

export interface LoadResult {
  quizSession: WireQuizSession;
  /** The session changed and must be written. */
  updateDb: boolean;
  /** The session is finished (`finished_at` to set). */
  finished: boolean;
}

function forcedEndButton(ctx: QuizContext): Msg {
  return {
    type: 'button',
    content: 'Tudo certo por aqui! Recado para administrador: quiz acabou sem botão fim!',
    action: '',
    ref: `BT_END_${Math.floor(ctx.random() * 100000)}`,
    label: 'Finalizar',
    _relevance: '1',
    _code: 'FORCED_END_CHAT',
    _end_chat: 1,
    _currently_has_relevance: 1,
  };
}

/** Advances the session to its next input and renders it (the original's `load_quiz_session`). */
export function loadQuizSession(ctx: QuizContext, session: SessionState, options: LoadOptions = {}): LoadResult {
  const callerIsPost = options.callerIsPost ?? false;
  const prepend = options.prependMsgs ?? [];
  const user = ctx.isAnon ? {} : ctx.user;
  const nowIso = new Date(ctx.now() * 1000).toISOString();
  let updateDb = options.updateDb ?? false;
  let responses = session.responses;
  let stash = session.stash;
  let loopDetection = 100;

  let vars: Vars = {};
  let current: Msg[] = [];
  let addMoreQuestions = false;
  let frontend: Msg[] = [];

  restart: for (;;) {
    vars = quizVars(user, responses);
    current = stash.current_msgs ?? [];
    // Messages no longer relevant go back to the pending list, to be weighed again later.
    stash.pending ??= [];
    stash.pending.push(...current.filter((msg) => !msg._currently_has_relevance));
    const kept = current.filter((msg) => msg._currently_has_relevance);
    current.length = 0;
    current.push(...kept);
    stash.current_msgs = current;
    addMoreQuestions = !anyHasRelevance(vars, current);

    for (;;) {
      if (--loopDetection < 0) {
        session.stash = stash;
        session.responses = responses;
        return {
          quizSession: {
            session_id: session.id,
            current_msgs: [renderQuestion(newDisplaytextError('Loop no quiz detectado, entre em contato com o suporte', 'err'), vars)],
            prev_msgs: (stash.prev_msgs ?? []).map((msg) => renderQuestion(msg, vars)),
          },
          updateDb: false,
          finished: false,
        };
      }
      frontend = [];

      if (addMoreQuestions) {
        let isLastItem = false;
        do {
          stash.pending ??= [];
          let item: Msg | undefined = stash.pending.shift();
          if (item) {
            const tags = item._tags as { codigo: string }[] | undefined;
            if (item._relevance === undefined || item._relevance === null) {
              updateDb = true;
              continue;
            }
            const relevant = hasRelevance(vars, item);
            item._currently_has_relevance = relevant;
            if (isInput(item)) isLastItem = true;
            if (!relevant) isLastItem = false;
            else if (item.type === 'tag_user') {
              isLastItem = false;
              item = undefined;
            }
            const tarefas = item?._tarefas as { codigo: string }[] | undefined;
            // A display text with tasks gives them as it shows; an input only when answered.
            if (ctx.user && !ctx.isAnon && relevant && !isLastItem && tarefas?.length) {
              ctx.effects.push({ kind: 'addTarefas', codigos: tarefas.map((t) => t.codigo) });
            }
            if (ctx.user && !ctx.isAnon && relevant && (!isLastItem || item?.type === 'tag_user') && tags?.length) {
              ctx.effects.push({ kind: 'addTags', codigos: tags.map((t) => t.codigo) });
            }

            if (relevant && item?._change_questionnaire) {
              const next = findQuestionnaire(ctx.content, Number(item._change_questionnaire));
              if (next) {
                if (stash.is_mf && stash.mf_control_id) {
                  if (!stash.redo_addr) mfRegisterCompleted(ctx, session.questionnaire_id);
                  mfPrepareForQuestionnaire(ctx, next.id);
                }
                session.questionnaire_id = next.id;
                updateDb = true;
                const fresh = stashOrError(ctx, next);
                const prev = stash.prev_msgs ?? [];
                const { current_msgs: _dropped, ...rest } = stash;
                stash = { ...rest, ...fresh, prev_msgs: prev };
                responses = { ...responses, start_time: ctx.now() };
                continue restart;
              }
            } else if (relevant && item?._next_mf_questionnaire && stash.is_mf && stash.mf_control_id && !stash.redo_addr) {
              mfRegisterCompleted(ctx, session.questionnaire_id);
              const nextId = ctx.mf ? mfNextQuestionnaireId(ctx.content, ctx.mf, Boolean(item._outstanding)) : undefined;
              if (nextId) {
                mfPrepareForQuestionnaire(ctx, nextId);
                const next = findQuestionnaire(ctx.content, nextId);
                if (next) {
                  session.questionnaire_id = next.id;
                  updateDb = true;
                  const fresh = stashOrError(ctx, next);
                  stash = { ...stash, ...fresh, prev_msgs: stash.prev_msgs ?? [] };
                  responses = { ...responses, start_time: ctx.now() };
                  continue restart;
                }
              } else {
                // No block left: the manual ends here, whatever else this block holds.
                mfSetStatusCompleted(ctx, nowIso);
                stash.is_finished = 1;
                stash.is_eof = 1;
                isLastItem = true;
                item = undefined;
              }
            }
            if (item) current.push(item);
          } else isLastItem = true;
          updateDb = true;
        } while (!isLastItem);

        if ((stash.pending ?? []).length === 0) {
          stash.is_eof = 1;
          updateDb = true;
        }
      }

      for (const msg of current) {
        if (msg._relevance === undefined || msg._relevance === null) continue;
        const relevant = hasRelevance(vars, msg);
        msg._currently_has_relevance = relevant;
        if (relevant) frontend.push(msg);
      }

      if (frontend.length === 0) {
        if (!stash.is_eof) {
          addMoreQuestions = true;
          continue;
        }
        if (!callerIsPost || !stash.is_finished) {
          // The content ended without an input: a generic end button.
          frontend.push(forcedEndButton(ctx));
          stash.is_eof = (stash.is_eof ?? 0) + 1;
          updateDb = true;
        }
      }
      break restart;
    }
  }

  stash.current_msgs = current;
  session.stash = stash;
  session.responses = responses;
  const finished = Boolean(stash.is_finished);

  if (finished) {
    const questionnaire = findQuestionnaire(ctx.content, session.questionnaire_id);
    return { quizSession: { finished: 1, end_screen: renderSafe(questionnaire?.end_screen ?? '', vars) }, updateDb, finished };
  }

  const rendered: Record<string, unknown>[] = [];
  for (const msg of frontend) {
    if (msg._show_cep_results) {
      msg.type = 'displaytext';
      if (perlTrue(vars.cep_results)) {
        msg.content = 'Este são os resultados que encontrei para [% human_address %]';
        rendered.push(renderQuestion(msg, vars));
        let lines: unknown[] = [];
        try {
          lines = JSON.parse(perlString(vars.cep_results)) as unknown[];
        } catch {
          lines = [];
        }
        for (const line of lines) {
          msg.content = line;
          rendered.push(renderQuestion(msg, vars));
        }
      } else msg.content = 'erro: faltando cep_results';
    } else rendered.push(renderQuestion(msg, vars));
  }

  return {
    quizSession: {
      current_msgs: [...prepend.map((msg) => renderQuestion(msg, vars)), ...rendered].filter(skipEmptyMsg),
      session_id: session.id,
      prev_msgs: callerIsPost ? null : (stash.prev_msgs ?? []).map((msg) => renderQuestion(msg, vars)).filter(skipEmptyMsg),
    },
    updateDb,
    finished,
  };
}

// ---------------------------------------------------------------- answering

const MC_ANSWER = /^[0-9]{1,6}(?:,[0-9]{1,6})*$/;

/** The CEP digits of an answer, when they are exactly 8 (the only ones looked up). */
export function cepDigits(value: unknown): string | undefined {
  const digits = perlString(value).replace(/[^0-9]/g, '');
  return digits.length === 8 ? digits : undefined;
}

/** The CEPs an answer asks to look up: the caller resolves them into `ctx.cepLookups`. */
export function cepsToLookUp(session: SessionState, params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const msg of session.stash.current_msgs ?? []) {
    if (!msg._cep_address_lookup || !msg._currently_has_relevance || typeof msg.ref !== 'string') continue;
    if (!Object.hasOwn(params, msg.ref)) continue;
    const digits = cepDigits(params[msg.ref]);
    if (digits) out.push(digits);
  }
  return out;
}

const CEP_HELP = 'Digite outro CEP no formato 00000-000 ou use o botão "Sair" para encerrar a conversa.';

function processCepAddressLookup(ctx: QuizContext, responses: Responses, value: unknown, code: string): { success: boolean; prepend: Msg[] } {
  const digits = perlString(value ?? '').replace(/[^0-9]/g, '');
  if (digits === '') return { success: false, prepend: [newDisplaytextError(`Não encontrei os dígitos para buscar o CEP! ${CEP_HELP}`, code)] };
  if (digits.length < 8) {
    return { success: false, prepend: [newDisplaytextError(`Não encontrei dígitos suficiente para começar uma buscar pelo CEP! ${CEP_HELP}`, code)] };
  }
  if (digits.length > 8) return { success: false, prepend: [newDisplaytextError(`Encontrei dígitos demais para buscar o CEP! ${CEP_HELP}`, code)] };
  const lookup = ctx.cepLookups.get(digits);
  if (!lookup?.latlng) {
    const formatted = `${digits.slice(0, 5)}-${digits.slice(5)}`;
    return {
      success: false,
      prepend: [newDisplaytextError(`Não encontrei a rua do CEP ${formatted}! O CEP precisa estar localizado no Brasil.`, code)],
    };
  }
  const [lat, lng] = lookup.latlng.split(',');
  const label = lookup.label || `a latitude ${lat} e longitude ${lng}`;
  responses.human_address = label;
  responses.latlng = lookup.latlng;
  if (lookup.results.length === 0) {
    return {
      success: false,
      prepend: [
        newDisplaytextError(`Não encontrei serviço de atendimento num raio de 50 km de ${label}! Digite outro cep our "Sair" para acabar a conversa`, code),
      ],
    };
  }
  responses.cep_results = JSON.stringify(lookup.results);
  responses[code] = digits;
  return { success: true, prepend: [] };
}

/** Takes one answer (`params[ref]`) and loads the next messages (the original's `process_quiz_session`). */
export function processQuizSession(ctx: QuizContext, session: SessionState, params: Record<string, unknown>): LoadResult {
  const user = ctx.isAnon ? undefined : ctx.user;
  let stash = session.stash;
  let current = stash.current_msgs ?? [];
  let responses = session.responses;
  const prepend: Msg[] = [];
  let recalcPrimeiroQuiz = false;
  let setModoCamuflado: string | undefined;
  let skillsToSet: Set<number> | undefined;
  let haveNewResponses = 0;
  let updateDb = false;

  for (const msg of [...current].reverse()) {
    if (!msg._currently_has_relevance) continue;
    const ref = msg.ref;
    if (!ref || typeof ref !== 'string') continue;
    let yesResponse = 0;
    let noResponse = 0;

    if (Object.hasOwn(params, ref)) {
      const val = params[ref] === undefined || params[ref] === null ? '' : perlString(params[ref]);
      let code = msg._code as string;
      if (!code) throw new QuizConfigError(`missing \`_code\` on message ${JSON.stringify(msg)}`);

      if (msg.type === 'yesno') {
        if (val === 'Y' || val === 'N') {
          const sub = msg._sub as { ref: string; p2a: number; code: string } | undefined;
          if (sub) {
            responses[sub.ref] = val;
            if (Object.hasOwn(responses, code)) {
              if (!/^\d+/.test(perlString(responses[code]))) {
                prepend.push(
                  newDisplaytextError(
                    `Erro na configuração do quiz! code \`${code}\` já tem um valor não númerico, logo não pode-se somar uma resposta de power2`,
                    code,
                  ),
                );
                break;
              }
              if (val === 'Y') responses[code] = Number(responses[code]) + sub.p2a;
            } else responses[code] = val === 'Y' ? sub.p2a : 0;
            code = `${sub.code}_${sub.p2a}`;
          }
          responses[code] = val;
          msg.display_response = val === 'Y' ? 'Sim' : 'Não';
          if (val === 'Y') yesResponse++;
          else noResponse++;
          haveNewResponses++;
        } else prepend.push(newDisplaytextError(`Campo ${ref} deve ser Y ou N`, code));
      } else if (msg.type === 'yesnomaybe') {
        if (val === 'Y' || val === 'N' || val === 'M') {
          // The original counts every answer here as a "yes".
          yesResponse++;
          responses[code] = val;
          msg.display_response = YES_NO_MAYBE[val];
          haveNewResponses++;
        } else prepend.push(newDisplaytextError(`Campo ${ref} deve ser M, Y ou N`, code));
      } else if (msg.type === 'text') {
        if (msg._cep_address_lookup) {
          const outcome = processCepAddressLookup(ctx, responses, val, code);
          if (outcome.success) haveNewResponses++;
          else prepend.push(...outcome.prepend);
        } else {
          responses[code] = val;
          msg.display_response = val;
          haveNewResponses++;
        }
      } else if (msg.type === 'multiplechoices') {
        if (val.length <= 6000 && MC_ANSWER.test(val)) {
          const options = (msg.options ?? []) as { index: unknown; display: unknown }[];
          const byIndex = new Map(options.map((option) => [perlString(option.index), option.display]));
          const dbOptions = (msg._db_option ?? []) as unknown[];
          const human: string[] = [];
          const chosen: string[] = [];
          const output: unknown[] = [];
          for (const index of val.split(',')) {
            if (!byIndex.has(index) || byIndex.get(index) === undefined || byIndex.get(index) === null) continue;
            human.push(perlString(byIndex.get(index)));
            output.push(dbOptions[Number(index)] ?? null);
            chosen.push(index);
            if (msg._skills) {
              skillsToSet ??= new Set();
              const id = (msg._skills as Record<string, number>)[index];
              if (id !== undefined) skillsToSet.add(id);
            }
          }
          responses[`${code}_json`] = JSON.stringify(output);
          responses[code] = `[${chosen.join(',')}]`;
          msg.display_response = human.join(', ');
          haveNewResponses++;
        } else prepend.push(newDisplaytextError(`Campo ${ref} deve uma lista de números`, code));
      } else if (msg.type === 'onlychoice') {
        const dbOptions = (msg._db_option ?? []) as unknown[];
        if (val.length <= 6 && /^[0-9]+$/.test(val) && dbOptions[Number(val)] !== undefined && dbOptions[Number(val)] !== null) {
          const options = (msg.options ?? []) as { index: unknown; display: unknown }[];
          const human = options.find((option) => perlString(option.index) === val)?.display;
          responses[code] = dbOptions[Number(val)];
          msg.display_response = human ?? null;
          haveNewResponses++;
        } else prepend.push(newDisplaytextError(`Campo ${ref} deve um número`, code));
      } else if (msg.type === 'button') {
        if (msg._reset) {
          const questionnaire = findQuestionnaire(ctx.content, session.questionnaire_id);
          if (questionnaire) {
            stash = stashOrError(ctx, questionnaire);
            session.stash = stash;
            current = [];
            responses = { start_time: ctx.now() };
            haveNewResponses++;
          }
        } else {
          responses[code] = val;
          responses[`${code}_action`] = msg.action;
          msg.display_response = msg.label;
          haveNewResponses++;
          if (msg.action === 'botao_tela_modo_camuflado') setModoCamuflado = val;
          if (stash.is_eof || msg._end_chat) {
            stash.is_finished = 1;
            recalcPrimeiroQuiz = true;
            if (stash.is_mf && stash.mf_control_id) {
              if (!stash.redo_addr) mfRegisterCompleted(ctx, session.questionnaire_id);
              mfSetStatusCompleted(ctx, new Date(ctx.now() * 1000).toISOString());
            }
          }
        }
      } else prepend.push(newDisplaytextError(`tipo ${msg.type} não foi programado!`, code));
    } else prepend.push(newDisplaytextError(`Campo ${ref} nao foi enviado`, 'err'));

    // One answer at a time.
    if (haveNewResponses) {
      if (user) {
        const tarefas = msg._tarefas as { codigo: string }[] | undefined;
        if (tarefas?.length) ctx.effects.push({ kind: 'addTarefas', codigos: tarefas.map((t) => t.codigo) });
        const tags = msg._tags as { codigo: string }[] | undefined;
        let clearIfYes = false;
        let clearIfNo = false;
        if (tags?.length) {
          const codigos = tags.map((t) => t.codigo);
          clearIfYes = codigos.includes('SIM_LIMPA_MF');
          clearIfNo = codigos.includes('NAO_LIMPA_MF');
          ctx.effects.push({ kind: 'addTags', codigos });
        }
        if ((yesResponse && clearIfYes) || (noResponse && clearIfNo)) ctx.effects.push({ kind: 'clearTasks' });
      }
      break;
    }
  }

  if (haveNewResponses) {
    const kept: Msg[] = [];
    for (const msg of current) {
      if (!msg._currently_has_relevance) kept.push(msg);
      else {
        stash.prev_msgs ??= [];
        stash.prev_msgs.push(msg);
      }
    }
    stash.current_msgs = kept;
    session.stash = stash;
    session.responses = responses;
    updateDb = true;
    if (user && skillsToSet) ctx.userChanges.skills = [...skillsToSet];
    if (user && setModoCamuflado !== undefined) {
      ctx.userChanges.modo_camuflado_ativo = setModoCamuflado === '1' ? 1 : 0;
      ctx.userChanges.modo_anonimo_ativo = 1;
      ctx.userChanges.quiz_detectou_violencia = 1;
    }
  }
  if (user && recalcPrimeiroQuiz) ctx.userChanges.recalcPrimeiroQuiz = true;

  return loadQuizSession(ctx, session, { callerIsPost: true, prependMsgs: prepend, updateDb });
}
