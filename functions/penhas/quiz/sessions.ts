/**
 * Quiz sessions in the table and the engine run over them. A user's sessions
 * live in her partition (`QUIZ_SESSION#<id>`, integer ids from a sequence), her
 * Manual de Fuga progress next to them (`MF_SESSION_CONTROL`); anonymous
 * sessions have a partition each. One answer at a time per session: every
 * write is conditional on the version read, and a run that lost the race runs
 * again over what won.
 */
import { conflict } from '#shared/errors';
import { nextValue } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { logger } from '#shared/observability/logger';
import type { UserRecord } from '../accounts/users.ts';
import { formError } from '../errors.ts';
import { SKILLS } from '../accounts/skills.ts';
import { anonQuizSessionKey, mfSessionControlKey, ownerPartition, QUIZ_SESSION_PREFIX, quizSessionKey, sequenceKey, userKey } from '../keys.ts';
import * as tasks from '../tasks/assign.ts';
import { findQuestionnaire, type Questionnaire, type QuizContent } from './content.ts';
import {
  type CepLookup,
  cepsToLookUp,
  type Effect,
  errorQuestionnaireStash,
  initQuestionnaireStash,
  type LoadResult,
  loadQuizSession,
  type MfControl,
  newContext,
  newMfControl,
  processQuizSession,
  type QuizContext,
  QuizConfigError,
  type Responses,
  type SessionState,
  type Stash,
  type WireQuizSession,
} from './engine.ts';
import { testCondition } from './expression.ts';

/** A user's session as stored (stash and responses as JSON text, as the original kept them). */
export interface QuizSessionItem {
  pk: string;
  sk: string;
  id: number;
  cliente_id: number;
  questionnaire_id: number;
  stash: string;
  responses: string;
  created_at: string;
  finished_at?: string | null;
  deleted_at?: string | null;
  version: number;
  [attribute: string]: unknown;
}

export interface AnonQuizSessionItem {
  pk: string;
  sk: string;
  id: number;
  remote_id: string;
  questionnaire_id: number;
  stash: string;
  responses: string;
  created_at: string;
  finished_at?: string | null;
  version: number;
  [attribute: string]: unknown;
}

export interface MfControlItem extends MfControl {
  pk: string;
  sk: string;
  cliente_id: number;
  version: number;
  [attribute: string]: unknown;
}

const MAX_ATTEMPTS = 4;

export const publishedSkills = () =>
  [...SKILLS]
    .filter((skill) => skill.status === 'published')
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
    .map(({ id, skill }) => ({ id, skill }));

const stateOf = (item: QuizSessionItem | AnonQuizSessionItem): SessionState => ({
  id: item.id,
  questionnaire_id: item.questionnaire_id,
  stash: JSON.parse(item.stash) as Stash,
  responses: JSON.parse(item.responses) as Responses,
});

// ---------------------------------------------------------------- reads

export async function listUserSessions(userId: number): Promise<QuizSessionItem[]> {
  const items: QuizSessionItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<QuizSessionItem>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ownerPartition(userId), ':prefix': QUIZ_SESSION_PREFIX },
      ConsistentRead: true,
      ...(startKey && { ExclusiveStartKey: startKey }),
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items.filter((item) => !item.deleted_at);
}

export const getUserSession = (userId: number, sessionId: number) => table.get<QuizSessionItem>(quizSessionKey(userId, sessionId), { consistent: true });

export const getMfControl = (userId: number) => table.get<MfControlItem>(mfSessionControlKey(userId), { consistent: true });

/** The user's MF progress, created (onboarding) on first use. */
export async function ensureMfControl(userId: number): Promise<MfControlItem> {
  const existing = await getMfControl(userId);
  if (existing) return existing;
  const item: MfControlItem = { ...mfSessionControlKey(userId), cliente_id: userId, ...newMfControl(), version: 1 };
  if (await table.put(item, { condition: 'attribute_not_exists(pk)' })) return item;
  return (await getMfControl(userId))!;
}

// ---------------------------------------------------------------- finding or starting the session to show

export interface GetSessionOptions {
  /** A session she asks for by id: loaded whatever the questionnaire's conditions. */
  sessionId?: number;
  /** Start (or resume) this questionnaire, whatever its conditions. */
  questionnaireId?: number;
  /** A new session even if one is open. */
  alwaysNewSession?: boolean;
  extraStash?: Stash;
  /** Her sessions, when the caller has just listed them. */
  sessions?: QuizSessionItem[];
}

const quizVarsOf = (user: UserRecord) => ({ cliente: user as Record<string, unknown> });

/** The stash a questionnaire starts with, or the error stash when its content is inconsistent. */
function startingStash(questionnaire: Questionnaire, isAnon: boolean): Stash {
  try {
    return initQuestionnaireStash(questionnaire, { isAnon, skills: publishedSkills() });
  } catch (error) {
    if (!(error instanceof QuizConfigError)) throw error;
    logger.error('questionnaire content is inconsistent', { questionnaireId: questionnaire.id, reason: error.message });
    return errorQuestionnaireStash(error);
  }
}

function conditionHolds(questionnaire: Questionnaire, user: UserRecord): boolean {
  try {
    return testCondition(questionnaire.condition || '0', quizVarsOf(user));
  } catch {
    return false;
  }
}

/**
 * The session to show (the original's `user_get_quiz_session`): by id, for a
 * given questionnaire, or the first automatic questionnaire (by name) she
 * qualifies for and has not finished, starting a session when none is open.
 */
/** The automatic questionnaires whose condition she meets (finished or not). */
export const automaticQuestionnairesFor = (user: UserRecord, content: QuizContent): Questionnaire[] =>
  content.questionnaires.filter((q) => q.active && q.penhas_start_automatically && conditionHolds(q, user));

export async function userGetQuizSession(user: UserRecord, content: QuizContent, options: GetSessionOptions = {}): Promise<QuizSessionItem | undefined> {
  if (options.sessionId === undefined && options.questionnaireId === undefined && automaticQuestionnairesFor(user, content).length === 0) return undefined;
  const sessions = options.sessions ?? (await listUserSessions(user.id));
  let questionnaireId = options.questionnaireId;
  let skipChecks = false;
  if (options.sessionId !== undefined) {
    const found = sessions.find((item) => item.id === options.sessionId);
    if (!found) return undefined;
    questionnaireId = found.questionnaire_id;
    skipChecks = true;
  } else if (questionnaireId !== undefined) skipChecks = true;

  let available: Questionnaire[];
  if (skipChecks) {
    const questionnaire = findQuestionnaire(content, questionnaireId!);
    available = questionnaire ? [questionnaire] : [];
  } else available = automaticQuestionnairesFor(user, content);
  if (available.length === 0) return undefined;

  const finished = skipChecks ? new Set<number>() : new Set(sessions.filter((item) => item.finished_at).map((item) => item.questionnaire_id));
  const byName = [...available].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const questionnaire of byName) {
    if (finished.has(questionnaire.id)) continue;
    const open = options.alwaysNewSession
      ? undefined
      : sessions.find(
          (item) => (options.sessionId === undefined || item.id === options.sessionId) && item.questionnaire_id === questionnaire.id && !item.finished_at,
        );
    if (open) return open;
    const stash = { ...startingStash(questionnaire, false), ...(options.extraStash ?? {}) };
    const id = await nextValue(sequenceKey('quiz_session'));
    const item: QuizSessionItem = {
      ...quizSessionKey(user.id, id),
      id,
      cliente_id: user.id,
      questionnaire_id: questionnaire.id,
      stash: JSON.stringify(stash),
      responses: JSON.stringify({ start_time: Math.floor(Date.now() / 1000) }),
      created_at: new Date().toISOString(),
      version: 1,
    };
    await table.put(item);
    logger.info('quiz session created', { sessionId: id, questionnaireId: questionnaire.id });
    if (options.alwaysNewSession) return item;
    // Two requests may have started the same questionnaire at once: all of them keep the oldest open session.
    const oldest = (await listUserSessions(user.id))
      .filter((other) => other.questionnaire_id === questionnaire.id && !other.finished_at)
      .sort((a, b) => a.id - b.id)[0];
    if (oldest && oldest.id !== item.id) {
      await table.update({ pk: item.pk, sk: item.sk }, 'SET #deleted = :one, #deletedAt = :now ADD #version :one', {
        names: { '#deleted': 'deleted', '#deletedAt': 'deleted_at', '#version': 'version' },
        values: { ':one': 1, ':now': new Date().toISOString() },
      });
      return oldest;
    }
    return item;
  }
  return undefined;
}

// ---------------------------------------------------------------- running the engine and writing what it did

type Run = (ctx: QuizContext, state: SessionState) => LoadResult;

export interface RunOptions {
  /** Before the run, CEP answers to look up (an answer's CEP digits → what is there). */
  cepLookup?: (cep: string) => Promise<CepLookup | undefined>;
  params?: Record<string, unknown>;
}

const hasUserChanges = (ctx: QuizContext) => Object.keys(ctx.userChanges).length > 0;

/** Runs the engine over a user's session and writes the result; reruns over a newer version if another answer won. */
export async function runUserSession(
  user: UserRecord,
  item: QuizSessionItem,
  content: QuizContent,
  run: Run,
  options: RunOptions = {},
): Promise<WireQuizSession> {
  let current: QuizSessionItem | undefined = item;
  for (let attempt = 1; ; attempt++) {
    const state = stateOf(current);
    const mfItem = state.stash.is_mf ? await ensureMfControl(user.id) : undefined;
    const ctx = newContext({ user: user as Record<string, unknown>, content, skills: publishedSkills() });
    if (mfItem) ctx.mf = { ...mfItem, completed_questionnaires_id: [...mfItem.completed_questionnaires_id], tags: [...(mfItem.tags ?? [])] };
    if (options.params && options.cepLookup) await resolveCeps(ctx, state, options.params, options.cepLookup);
    const result = run(ctx, state);
    const tags = ctx.effects.filter((effect): effect is Extract<Effect, { kind: 'addTags' }> => effect.kind === 'addTags');
    if (tags.length) {
      ctx.mf ??= { ...(mfItem ?? (await ensureMfControl(user.id))) };
      ctx.mf.tags = [...new Set([...(ctx.mf.tags ?? []), ...tags.flatMap((effect) => effect.codigos)])];
      ctx.mfChanged = true;
    }
    if (!result.updateDb && !ctx.mfChanged && !hasUserChanges(ctx)) {
      await applyEffects(user.id, ctx.effects, state.questionnaire_id);
      return result.quizSession;
    }
    const writes: TransactItem[] = [];
    if (result.updateDb) checkSessionSize(state);
    if (result.updateDb) writes.push(sessionWrite(current, state, result.finished));
    if (ctx.mfChanged && ctx.mf) writes.push(await mfWrite(user.id, ctx.mf, mfItem));
    if (hasUserChanges(ctx)) writes.push(userWrite(user, ctx));
    // Task changes first: they are idempotent, so if they fail the answer is not recorded and the app's
    // retry applies them again; a recorded answer always has its tasks.
    await applyEffects(user.id, ctx.effects, state.questionnaire_id);
    try {
      await transact(writes);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || (error as { kind?: string }).kind !== 'conflict') throw error;
      current = await getUserSession(user.id, item.id);
      if (!current) throw error;
      continue;
    }
    return result.quizSession;
  }
}

async function resolveCeps(ctx: QuizContext, state: SessionState, params: Record<string, unknown>, lookup: (cep: string) => Promise<CepLookup | undefined>) {
  for (const cep of cepsToLookUp(state, params)) {
    const found = await lookup(cep);
    if (found) ctx.cepLookups.set(cep, found);
  }
}

/** Longest answer value taken (a multiple choice list is at most 6,000 characters). */
export const MAX_ANSWER_LENGTH = 10_000;
/** A session item stays well under DynamoDB's 400 KB. */
const MAX_SESSION_BYTES = 300_000;

/** Refuses an answer longer than any question needs, before the engine runs. */
export function checkAnswerLengths(params: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.length > MAX_ANSWER_LENGTH) throw formError(name, 'invalid_max_length');
  }
}

function checkSessionSize(state: SessionState): void {
  const bytes = Buffer.byteLength(JSON.stringify(state.stash)) + Buffer.byteLength(JSON.stringify(state.responses));
  if (bytes > MAX_SESSION_BYTES) throw formError('session_id', 'invalid_max_length', 'Este questionário não aceita mais respostas.');
}

function sessionWrite(item: { pk: string; sk: string; version: number; finished_at?: string | null }, state: SessionState, finished: boolean): TransactItem {
  const values: Record<string, unknown> = {
    ':stash': JSON.stringify(state.stash),
    ':responses': JSON.stringify(state.responses),
    ':questionnaire': state.questionnaire_id,
    ':expected': item.version,
    ':next': item.version + 1,
  };
  const sets = ['#stash = :stash', '#responses = :responses', '#questionnaire = :questionnaire', '#version = :next'];
  const names: Record<string, string> = { '#stash': 'stash', '#responses': 'responses', '#questionnaire': 'questionnaire_id', '#version': 'version' };
  if (finished) {
    sets.push('#finished = :finished');
    names['#finished'] = 'finished_at';
    values[':finished'] = new Date().toISOString();
  }
  return {
    Update: {
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    conflictCode: 'quiz_session_changed',
  };
}

async function mfWrite(userId: number, mf: MfControl, read: MfControlItem | undefined): Promise<TransactItem> {
  const base = read ?? (await ensureMfControl(userId));
  const { pk: _pk, sk: _sk, version: _version, cliente_id: _cliente, ...fields } = mf as MfControlItem;
  const item: MfControlItem = { ...mfSessionControlKey(userId), cliente_id: userId, ...fields, version: base.version + 1 };
  return {
    Put: {
      Item: Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': base.version },
    },
    conflictCode: 'quiz_session_changed',
  };
}

function userWrite(user: UserRecord, ctx: QuizContext): TransactItem {
  const now = new Date().toISOString();
  const changes = ctx.userChanges;
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':one': 1 };
  const sets: string[] = [];
  const set = (attribute: string, value: unknown) => {
    const i = sets.length;
    names[`#u${i}`] = attribute;
    values[`:u${i}`] = value;
    sets.push(`#u${i} = :u${i}`);
  };
  if (changes.modo_camuflado_ativo !== undefined) {
    set('modo_camuflado_ativo', changes.modo_camuflado_ativo);
    set('modo_camuflado_atualizado_em', now);
  }
  if (changes.modo_anonimo_ativo !== undefined) {
    set('modo_anonimo_ativo', changes.modo_anonimo_ativo);
    set('modo_anonimo_atualizado_em', now);
  }
  if (changes.quiz_detectou_violencia !== undefined) {
    set('quiz_detectou_violencia', changes.quiz_detectou_violencia);
    set('quiz_detectou_violencia_atualizado_em', now);
  }
  if (changes.ja_completou_mf) set('ja_completou_mf', 1);
  if (changes.skills)
    set(
      'skills',
      [...new Set([...(user.skills ?? []), ...changes.skills])].sort((a, b) => a - b),
    );
  if (changes.recalcPrimeiroQuiz) {
    // The first quiz's verdict is kept once: later quizzes leave it as it was.
    const verdict = (changes.quiz_detectou_violencia ?? user.quiz_detectou_violencia) ? 1 : 0;
    const i = sets.length;
    names[`#u${i}`] = 'primeiro_quiz_detectou_violencia';
    names[`#u${i}at`] = 'primeiro_quiz_detectou_violencia_atualizado_em';
    values[`:u${i}`] = verdict;
    values[`:u${i}at`] = now;
    sets.push(`#u${i} = if_not_exists(#u${i}, :u${i})`, `#u${i}at = if_not_exists(#u${i}at, :u${i}at)`);
  }
  return {
    Update: {
      Key: userKey(user.id),
      UpdateExpression: `SET ${sets.join(', ')} ADD #version :one`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    conflictCode: 'user_gone',
  };
}

/** Task changes the answers asked for, in order (tags are written with the MF progress). */
export async function applyEffects(userId: number, effects: Effect[], questionnaireId?: number): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === 'addTarefas') {
      const ids = await tasks.tarefaIdsOfCodes(effect.codigos);
      if (ids.length) await tasks.assignTasks(userId, ids, questionnaireId === undefined ? {} : { questionnaireId });
    } else if (effect.kind === 'removeTarefas') {
      const ids = await tasks.tarefaIdsOfCodes(effect.codigos);
      if (ids.length) await tasks.removeTasks(userId, ids);
    } else if (effect.kind === 'clearTasks') await tasks.clearTasks(userId);
  }
}

// ---------------------------------------------------------------- the flows the routes use

/** Loads the session to show (GET-like: previous messages included). */
export const showUserSession = (user: UserRecord, item: QuizSessionItem, content: QuizContent) =>
  runUserSession(user, item, content, (ctx, state) => loadQuizSession(ctx, state));

/** Takes an answer for the user's session. */
export const answerUserSession = (
  user: UserRecord,
  item: QuizSessionItem,
  content: QuizContent,
  params: Record<string, unknown>,
  cepLookup?: RunOptions['cepLookup'],
) => runUserSession(user, item, content, (ctx, state) => processQuizSession(ctx, state, params), { params, cepLookup });

// ---------------------------------------------------------------- anonymous sessions

export const getAnonSession = (sessionId: number) => table.get<AnonQuizSessionItem>(anonQuizSessionKey(sessionId), { consistent: true });

export async function createAnonSession(questionnaire: Questionnaire, remoteId: string, initResponses: Responses): Promise<AnonQuizSessionItem> {
  const id = await nextValue(sequenceKey('anon_quiz_session'));
  const item: AnonQuizSessionItem = {
    ...anonQuizSessionKey(id),
    id,
    remote_id: remoteId,
    questionnaire_id: questionnaire.id,
    stash: JSON.stringify(startingStash(questionnaire, true)),
    responses: JSON.stringify({ start_time: Math.floor(Date.now() / 1000), ...initResponses }),
    created_at: new Date().toISOString(),
    version: 1,
  };
  await table.put(item);
  logger.info('anonymous quiz session created', { sessionId: id, questionnaireId: questionnaire.id });
  return item;
}

/** Runs the engine over an anonymous session and writes it; reruns over a newer version if another answer won. */
export async function runAnonSession(item: AnonQuizSessionItem, content: QuizContent, run: Run, options: RunOptions = {}): Promise<WireQuizSession> {
  let current: AnonQuizSessionItem | undefined = item;
  for (let attempt = 1; ; attempt++) {
    const state = stateOf(current);
    const ctx = newContext({ user: undefined, isAnon: true, content });
    if (options.params && options.cepLookup) await resolveCeps(ctx, state, options.params, options.cepLookup);
    const result = run(ctx, state);
    if (!result.updateDb) return result.quizSession;
    checkSessionSize(state);
    try {
      await transact([sessionWrite(current, state, result.finished)]);
      return result.quizSession;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || (error as { kind?: string }).kind !== 'conflict') throw error;
      current = await getAnonSession(item.id);
      if (!current) throw conflict('quiz_session_changed');
    }
  }
}
