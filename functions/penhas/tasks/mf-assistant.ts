/**
 * The Manual de Fuga assistant block of `GET /me/tarefas` (the original's
 * `cliente_mf_assistant`): for women only, the call to action by the user's
 * progress (start, continue, redo) and the questionnaire session the app
 * opens with `POST /me/quiz`; and, once she has started the manual, the
 * "Revisar Transporte" button among the tasks. The progress and the session
 * are the quiz feature's (quiz/me-quiz.ts `mfProgressWithSession`); this shapes them.
 */
import { isFemale, type UserRecord } from '../accounts/users.ts';
import { mfAssistantSessionId, mfRedoAddrSessionId } from '../quiz/me-quiz.ts';

export type MfStatus = 'onboarding' | 'inProgress' | 'completed';

export interface MfProgress {
  status: MfStatus;
  /** The session in progress as the quiz answers it (`current_msgs`, `prev_msgs`…), if one is. */
  quizSession?: object;
}

const DESCRICAO =
  'O Manual de Fuga vai ajudá-la a criar um plano de saída do ambiente doméstico. Por isso, dedique um tempo, e responda ao máximo de perguntas, para podermos personalizar uma lista de ações essenciais para o seu planejamento. Ela será mostrada somente depois que você concluir a interação.';

const TITLES: Record<MfStatus, string> = {
  onboarding: 'Criar o meu Manual de Fuga',
  inProgress: 'Continuar preenchendo o meu Manual',
  completed: 'Refazer o meu Manual de Fuga',
};

export interface MfAssistant {
  title: string;
  subtitle: string;
  quiz_session: Record<string, unknown>;
}

export function mfAssistant(user: UserRecord, progress: MfProgress): { mf_assistant: MfAssistant } | Record<string, never> {
  if (!isFemale(user)) return {};
  return {
    mf_assistant: {
      title: TITLES[progress.status],
      subtitle: DESCRICAO,
      // With nothing in progress the app starts a session by posting this id (`MF…`) alone.
      quiz_session: { session_id: mfAssistantSessionId(user), ...(progress.quizSession ?? { current_msgs: [], prev_msgs: null }) },
    },
  };
}

/** The button the task list carries once the manual was started, to review the transport answers. */
export function addressReviewButton(user: UserRecord, now: number) {
  return {
    id: -1,
    atualizado_em: now,
    tipo: 'button',
    descricao: '',
    agrupador: 'Transporte',
    data: { label: 'Revisar Transporte', route: `/quiz/start?session_id=${mfRedoAddrSessionId(user)}` },
  };
}
