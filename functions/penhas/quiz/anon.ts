/**
 * The anonymous questionnaires' rules: the shared token, the questionnaires
 * open without an account, and their sessions.
 */
import { readSecretJson } from '#shared/secrets';
import { badRequest, formError } from '../errors.ts';
import { secrets } from '../resources.ts';
import { lookUpCep } from './cep-lookup.ts';
import { cachedQuizContent, findQuestionnaire, type Questionnaire, type QuizContent } from './content.ts';
import { loadQuizSession, processQuizSession, type Responses, type WireQuizSession } from './engine.ts';
import { type AnonQuizSessionItem, checkAnswerLengths, createAnonSession, getAnonSession, runAnonSession } from './sessions.ts';

let configured: Promise<string | undefined> | undefined;

/** The shared token: the `anon-quiz` secret on AWS, `ANON_QUIZ_SECRET` locally. */
function anonSecret(): Promise<string | undefined> {
  configured ??= readSecretJson(secrets.anonQuiz)
    .then((values) => values.ANON_QUIZ_SECRET ?? process.env.ANON_QUIZ_SECRET)
    .catch((error) => {
      configured = undefined;
      throw error;
    });
  return configured;
}

/** Refuses a token other than the shared one (no secret configured: every token is refused). */
export async function verifyAnonToken(token: string): Promise<void> {
  const secret = await anonSecret();
  if (!secret || token !== secret) throw badRequest('token_invalid', 'invalid token', 'token');
}

/** A required integer parameter, as the original's `Int` type checked it. */
export function intParam(params: Record<string, unknown>, field: string): number {
  const value = params[field];
  if (value === undefined || value === null || value === '') throw formError(field, 'is_required');
  const text = String(value);
  if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) throw formError(field, 'invalid');
  return Number(text);
}

/** A required text parameter of at most `max` characters. */
export function textParam(params: Record<string, unknown>, field: string, max: number): string {
  const value = params[field];
  if (value === undefined || value === null || value === '') throw formError(field, 'is_required');
  const text = String(value);
  if (text.length > max) throw formError(field, 'invalid_max_length');
  return text;
}

/** Questionnaires open without an account: active and not requiring one. */
export const anonQuestionnaires = (content: QuizContent): Questionnaire[] =>
  content.questionnaires.filter((questionnaire) => questionnaire.active && !questionnaire.penhas_cliente_required).sort((a, b) => a.id - b.id);

export async function listAnonQuestionnaires() {
  const content = await cachedQuizContent();
  return {
    questionnaires: anonQuestionnaires(content).map((q) => ({
      id: q.id,
      name: q.name,
      end_screen: q.end_screen,
      condition: q.condition,
      penhas_start_automatically: q.penhas_start_automatically ? (1 as const) : (0 as const),
      penhas_cliente_required: q.penhas_cliente_required ? (1 as const) : (0 as const),
    })),
  };
}

export async function anonConfig(): Promise<Record<string, unknown>> {
  return (await cachedQuizContent()).anonConfig ?? {};
}

async function loadAnonSession(sessionId: number): Promise<AnonQuizSessionItem> {
  const session = await getAnonSession(sessionId);
  if (!session) throw badRequest('session_id_invalid', 'session_id não encontrada', 'session_id');
  return session;
}

export async function newAnonSession(params: Record<string, unknown>): Promise<{ quiz_session: WireQuizSession }> {
  const questionnaireId = intParam(params, 'questionnaire_id');
  const remoteId = textParam(params, 'remote_id', 100);
  let initResponses: Responses = {};
  const init = params.init_responses;
  if (init !== undefined && init !== null && init !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(init));
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest('json_invalid', 'invalid json, must be defined and a hash', 'init_stash');
    }
    initResponses = parsed as Responses;
  }
  const content = await cachedQuizContent();
  const questionnaire = anonQuestionnaires(content).find((q) => q.id === questionnaireId);
  if (!questionnaire || !findQuestionnaire(content, questionnaireId)) {
    throw badRequest('questionnaire_id_not_found', 'questionnaire_id não foi encontrado', 'questionnaire_id');
  }
  const session = await createAnonSession(questionnaire, remoteId, initResponses);
  return { quiz_session: await runAnonSession(session, content, (ctx, state) => loadQuizSession(ctx, state)) };
}

export async function anonHistory(params: Record<string, unknown>): Promise<{ quiz_session: WireQuizSession }> {
  const session = await loadAnonSession(intParam(params, 'session_id'));
  const content = await cachedQuizContent();
  return { quiz_session: await runAnonSession(session, content, (ctx, state) => loadQuizSession(ctx, state)) };
}

export async function anonProcess(params: Record<string, unknown>): Promise<{ quiz_session: WireQuizSession }> {
  checkAnswerLengths(params);
  const session = await loadAnonSession(intParam(params, 'session_id'));
  const content = await cachedQuizContent();
  const { token: _token, session_id: _session, ...answer } = params;
  return {
    quiz_session: await runAnonSession(session, content, (ctx, state) => processQuizSession(ctx, state, answer), { params: answer, cepLookup: lookUpCep }),
  };
}
