/**
 * `POST /me/quiz` and the quiz blocks other screens show: the assistant
 * (`A<4 hex>` session id: "answer the questionnaire again?"), the Manual de
 * Fuga (`MF<4 hex>`: starts or resumes her MF), the MF address redo
 * (`MF:Address<4 hex>`), and numeric ids (a session of hers). The ids are the
 * original's: a prefix and the first four characters of her CPF hash.
 */
import { AppError } from '#shared/errors';
import * as table from '#shared/db/table';
import type { UserRecord } from '../accounts/users.ts';
import { isFemale } from '../accounts/users.ts';
import { userKey } from '../keys.ts';
import { cachedQuizContent, findQuestionnaire, type QuizContent } from './content.ts';
import {
  type Msg,
  mfNextQuestionnaireId,
  mfPrepareForQuestionnaire,
  newContext,
  newDisplaytextError,
  newDisplaytextNormal,
  renderQuestion,
  type WireQuizSession,
} from './engine.ts';
import {
  answerUserSession,
  applyEffects,
  checkAnswerLengths,
  ensureMfControl,
  getMfControl,
  listUserSessions,
  type MfControlItem,
  showUserSession,
  userGetQuizSession,
} from './sessions.ts';
import { formError } from '../errors.ts';

export const assistantSessionId = (user: Pick<UserRecord, 'cpf_hash'>) => `A${user.cpf_hash.slice(0, 4)}`;
export const mfAssistantSessionId = (user: Pick<UserRecord, 'cpf_hash'>) => `MF${user.cpf_hash.slice(0, 4)}`;
export const mfRedoAddrSessionId = (user: Pick<UserRecord, 'cpf_hash'>) => `MF:Address${user.cpf_hash.slice(0, 4)}`;

const sessionNotMatch = () =>
  new AppError('invalid', 'session_not_match', 'Sessão do quiz desta resposta não confere com a sessão atual. Reinicie o aplicativo.');

export const quizNotActive = () => new AppError('invalid', 'quiz_not_active', 'Nenhum quiz foi encontrado no momento. Reinicie o aplicativo.');

const assistantAnswer = (user: UserRecord, msgs: Msg[], sessionId = assistantSessionId(user)): { quiz_session: WireQuizSession } => ({
  quiz_session: { session_id: sessionId, current_msgs: msgs.map((msg) => renderQuestion(msg, user as Record<string, unknown>)), prev_msgs: null },
});

/** `POST /me/quiz`: the answer to whichever session `session_id` names. */
export async function postMeQuiz(user: UserRecord, params: Record<string, string>): Promise<{ quiz_session: WireQuizSession }> {
  const { session_id: sessionId, ...answer } = params;
  checkAnswerLengths(answer);
  if (sessionId === assistantSessionId(user)) return processQuizAssistant(user, answer);
  if (sessionId === mfRedoAddrSessionId(user)) return processRedoAddrMfAssistant(user);
  if (sessionId === mfAssistantSessionId(user)) return processMfAssistant(user);

  // Anything else must be one of her sessions, by number.
  if (!/^-?[0-9]+$/.test(sessionId) || !Number.isSafeInteger(Number(sessionId))) throw formError('session_id', 'invalid');
  const content = await cachedQuizContent();
  // A finished session of hers is answered as the original did (it started another one and found they differ),
  // without leaving that stray session behind.
  const sessions = await listUserSessions(user.id);
  const named = sessions.find((item) => item.id === Number(sessionId));
  if (named?.finished_at) throw sessionNotMatch();
  const session = await userGetQuizSession(user, content, { sessionId: Number(sessionId), sessions });
  if (!session) throw quizNotActive();
  if (session.id !== Number(sessionId)) throw sessionNotMatch();
  return { quiz_session: await answerUserSession(user, session, content, answer) };
}

/** Marks her automatic questionnaires' sessions deleted, so they start again (the assistant's "yes"). */
async function resetAllQuestionnaires(user: UserRecord, content: QuizContent): Promise<void> {
  await table.update(userKey(user.id), 'ADD #count :one, #version :one', {
    names: { '#count': 'quiz_assistant_yes_count', '#version': 'version' },
    values: { ':one': 1 },
    condition: 'attribute_exists(pk)',
  });
  const now = new Date().toISOString();
  for (const session of await listUserSessions(user.id)) {
    if (!findQuestionnaire(content, session.questionnaire_id)?.penhas_start_automatically) continue;
    await table.update({ pk: session.pk, sk: session.sk }, 'SET #deleted = :one, #deletedAt = :now ADD #version :one', {
      names: { '#deleted': 'deleted', '#deletedAt': 'deleted_at', '#version': 'version' },
      values: { ':one': 1, ':now': now },
    });
  }
}

async function processQuizAssistant(user: UserRecord, params: Record<string, string>) {
  const prepend: Msg[] = [];
  if (Object.hasOwn(params, 'reset_questionnaire')) {
    if (params.reset_questionnaire === 'Y') {
      const content = await cachedQuizContent();
      await resetAllQuestionnaires(user, content);
      const session = await userGetQuizSession(user, content);
      if (session) return { quiz_session: await showUserSession(user, session, content) };
      prepend.push(newDisplaytextNormal('Não há questionários para você no momento!', 'err'));
    } else if (params.reset_questionnaire === 'N') {
      prepend.push({
        type: 'button',
        content: 'Tudo bem, no momento esta é minha única função!',
        action: '',
        ref: 'BT_RETURN',
        label: 'Retornar',
        _relevance: '1',
      });
    } else prepend.push(newDisplaytextError('Valor para reset_questionnaire precisa ser Y ou N', 'err'));
  } else if (params.BT_RETURN === '1') {
    return { quiz_session: { finished: 1, end_screen: '/mainboard?page=chat' } };
  } else prepend.push(newDisplaytextError('Não entendo outros campos.', 'err'));
  return assistantAnswer(user, prepend);
}

async function processMfAssistant(user: UserRecord) {
  const mf = await ensureMfControl(user.id);
  const content = await cachedQuizContent();
  if (mf.current_clientes_quiz_session) {
    return assistantAnswer(user, [newDisplaytextError('Por favor, feche o aplicativo e abra novamente, já existe um manual de fuga em andamento.', 'err')]);
  }
  const firstId = mfNextQuestionnaireId(content, mf);
  if (firstId) {
    const session = await userGetQuizSession(user, content, { questionnaireId: firstId, extraStash: { is_mf: 1, mf_control_id: user.id } });
    if (session) {
      const shown = await showUserSession(user, session, content);
      await registerMfSessionStart(user, content, firstId, session.id);
      return { quiz_session: shown };
    }
  }
  return assistantAnswer(user, [newDisplaytextError('Não foi encontrado o questionário de manual de fuga', 'err')]);
}

/** Her MF is in progress with this session; starting the block removes the tasks it is set to remove. */
async function registerMfSessionStart(user: UserRecord, content: QuizContent, questionnaireId: number, sessionId: number): Promise<void> {
  const now = new Date().toISOString();
  const ctx = newContext({ user: user as Record<string, unknown>, content });
  mfPrepareForQuestionnaire(ctx, questionnaireId);
  for (let attempt = 1; attempt <= 4; attempt++) {
    const mf: MfControlItem = await ensureMfControl(user.id);
    const written = await table.put(
      { ...mf, started_at: now, current_clientes_quiz_session: sessionId, status: 'inProgress', version: mf.version + 1 },
      { condition: '#version = :expected', names: { '#version': 'version' }, values: { ':expected': mf.version } },
    );
    if (written) break;
  }
  await applyEffects(user.id, ctx.effects);
}

/** The address review questionnaire (the content's, or `MF_REDO_ADDR_QUESTIONNAIRE_ID`): a new session each time. */
async function processRedoAddrMfAssistant(user: UserRecord) {
  const content = await cachedQuizContent();
  const questionnaireId = Number(process.env.MF_REDO_ADDR_QUESTIONNAIRE_ID || content.mfRedoAddressQuestionnaireId);
  if (Number.isSafeInteger(questionnaireId) && questionnaireId > 0 && findQuestionnaire(content, questionnaireId)) {
    await ensureMfControl(user.id);
    const session = await userGetQuizSession(user, content, {
      questionnaireId,
      alwaysNewSession: true,
      extraStash: { is_mf: 1, redo_addr: 1, mf_control_id: user.id },
    });
    if (session) {
      const shown = await showUserSession(user, session, content);
      const ctx = newContext({ user: user as Record<string, unknown>, content });
      mfPrepareForQuestionnaire(ctx, questionnaireId);
      await applyEffects(user.id, ctx.effects);
      return { quiz_session: shown };
    }
  }
  return assistantAnswer(user, [newDisplaytextError('Não foi encontrado o questionário para refazer o endereço', 'err')]);
}

// ---------------------------------------------------------------- blocks other screens show

/**
 * Her Manual de Fuga progress for the `mf_assistant` block of `GET /me/tarefas`
 * (the tasks feature shapes it): the status and, while a session is in
 * progress, that session advanced and rendered as the original's
 * `cliente_mf_assistant` does. A progress whose session is gone starts over.
 */
export async function mfProgressWithSession(user: UserRecord): Promise<{ status: MfControlItem['status']; quizSession?: WireQuizSession }> {
  const mf = await getMfControl(user.id);
  if (!mf) return { status: 'onboarding' };
  if (!mf.current_clientes_quiz_session) return { status: mf.status };
  const content = await cachedQuizContent();
  const session = await userGetQuizSession(user, content, { sessionId: mf.current_clientes_quiz_session });
  if (!session) {
    await table.delete({ pk: mf.pk, sk: mf.sk });
    return { status: 'onboarding' };
  }
  return { status: mf.status, quizSession: await showUserSession(user, session, content) };
}

/** dd/mm/yyyy in São Paulo time. */
const dmySaoPaulo = (iso: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
    new Date(iso),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')}`;
};

/**
 * The assistant entry of `GET /me/chats` (the original's `_chat_assistant`):
 * undefined for men; otherwise what her last quiz found and the "answer again?"
 * question, whose answer comes back through `POST /me/quiz`.
 */
export function assistantChatBlock(user: UserRecord, avatarUrl = process.env.ASSISTANT_SUPORTE_URL ?? ''): Record<string, unknown> | undefined {
  if (!isFemale(user)) return undefined;
  let texto = '';
  const updatedAt = user.quiz_detectou_violencia_atualizado_em;
  if (typeof updatedAt === 'string' && updatedAt) {
    const dia = dmySaoPaulo(updatedAt);
    texto = user.quiz_detectou_violencia
      ? `De acordo com as respostas do questionário realizado no dia ${dia}, identifiquei que você estava em situação de risco.`
      : `De acordo com as respostas do questionário realizado no dia ${dia}, identifiquei que você não estava em situação de violência.`;
  }
  return {
    title: 'Assistente PenhaS',
    subtitle: 'Entenda se você está em situação de violência',
    avatar_url: avatarUrl,
    quiz_session: {
      session_id: assistantSessionId(user),
      current_msgs: [
        ...(texto ? [{ content: texto, style: 'normal', type: 'displaytext' }] : []),
        { content: 'Deseja responder o questionário novamente?', ref: 'reset_questionnaire', type: 'yesno' },
      ],
      prev_msgs: null,
    },
  };
}
