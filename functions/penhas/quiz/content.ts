/**
 * Quiz content as data: questionnaires with their questions (the original's
 * `questionnaires` and `quiz_config` rows), the Manual de Fuga order and the
 * tasks each MF block removes when it starts. The types, and the table items
 * that hold them: one item per questionnaire and one for the MF order, all in
 * the partition `QUIZ_CONTENT`, so every request reads all of it with one
 * Query (no Scan).
 */
import * as table from '#shared/db/table';
import { QUIZ_CONTENT_PARTITION, quizMfOrderKey, quizQuestionnaireKey } from '../keys.ts';

/** A task or tag reference, by its catalog code (`{"codigo": "T1"}`). */
export interface CodeRef {
  codigo: string;
}

export type QuestionType =
  | 'yesno'
  | 'yesnomaybe'
  | 'text'
  | 'yesnogroup'
  | 'skillset'
  | 'displaytext'
  | 'botao_tela_modo_camuflado'
  | 'botao_fim'
  | 'multiplechoices'
  | 'onlychoice'
  | 'cep_address_lookup'
  | 'auto_change_questionnaire'
  | 'tag_user'
  | 'next_mf_questionnaire'
  | 'next_mf_questionnaire_outstanding';

/** One question of a questionnaire (a published `quiz_config` row), in display order. */
export interface QuizConfig {
  id: number;
  type: QuestionType;
  /** The answer's name in `responses` (and in relevance expressions). */
  code: string;
  /** The text shown; may interpolate `[% … %]`. */
  question: string;
  /** When it is shown: '1', or an expression over earlier answers and `cliente`. */
  relevance: string;
  intro?: { text: string }[];
  yesnogroup?: { Status: number | boolean; question: string; referencia: string; power2answer: number }[];
  options?: { label: string; value: string }[];
  button_label?: string | null;
  change_to_questionnaire_id?: number | null;
  tarefas?: CodeRef[];
  tag?: CodeRef[];
}

export interface Questionnaire {
  id: number;
  /** Internal name; automatic questionnaires are offered in name order. */
  name: string;
  active: boolean;
  /** Who gets it automatically (an expression over `cliente`). */
  condition: string;
  /** Where the app goes when it ends (may interpolate answers). */
  end_screen: string;
  penhas_start_automatically: boolean;
  /** false: offered to the anonymous questionnaires too. */
  penhas_cliente_required: boolean;
  quiz_config: QuizConfig[];
  /** Task codes removed from the user's list when this MF block starts (`mf_questionnaire_remove_tarefa`). */
  remove_tarefas?: string[];
}

/** A step of the Manual de Fuga: its blocks in `sort` order; `outstanding` ones jump the queue when asked. */
export interface MfOrderEntry {
  questionnaire_id: number;
  sort: number;
  outstanding: boolean;
}

export interface QuizContent {
  questionnaires: Questionnaire[];
  mfOrder: MfOrderEntry[];
  /** What `GET /anon-questionnaires/config` answers (the original's bot configuration). */
  anonConfig?: Record<string, unknown>;
  /** The questionnaire the MF address review (`MF:Address…`) runs; `MF_REDO_ADDR_QUESTIONNAIRE_ID` overrides it. */
  mfRedoAddressQuestionnaireId?: number;
}

/** The table items holding `content` (the seed writes them; tests write their own fixtures). */
export function quizContentItems(content: QuizContent): Record<string, unknown>[] {
  return [
    ...content.questionnaires.map((questionnaire) => ({ ...quizQuestionnaireKey(questionnaire.id), kind: 'questionnaire', questionnaire })),
    {
      ...quizMfOrderKey(),
      kind: 'mf_order',
      mfOrder: content.mfOrder,
      anonConfig: content.anonConfig ?? {},
      ...(content.mfRedoAddressQuestionnaireId === undefined ? {} : { mfRedoAddressQuestionnaireId: content.mfRedoAddressQuestionnaireId }),
    },
  ];
}

/** All quiz content, from its partition (one Query, paged only past 1 MB). */
export async function loadQuizContent(): Promise<QuizContent> {
  const content: QuizContent = { questionnaires: [], mfOrder: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': QUIZ_CONTENT_PARTITION },
      ...(startKey && { ExclusiveStartKey: startKey }),
    });
    for (const item of page.items) {
      if (item.kind === 'questionnaire') content.questionnaires.push(item.questionnaire as Questionnaire);
      else if (item.kind === 'mf_order') {
        content.mfOrder = (item.mfOrder as MfOrderEntry[]) ?? [];
        content.anonConfig = (item.anonConfig as Record<string, unknown>) ?? {};
        if (typeof item.mfRedoAddressQuestionnaireId === 'number') content.mfRedoAddressQuestionnaireId = item.mfRedoAddressQuestionnaireId;
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return content;
}

export const findQuestionnaire = (content: QuizContent, id: number): Questionnaire | undefined =>
  content.questionnaires.find((questionnaire) => questionnaire.id === id);

/** How long an instance keeps the content it read: content changes only with a deploy's seed. */
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; content: Promise<QuizContent> }>();

/** The content, read at most once a minute per instance (per table, for runtimes serving several). */
export function cachedQuizContent(now = Date.now()): Promise<QuizContent> {
  const tableKey = process.env.TABLE_NAME ?? '';
  const hit = cache.get(tableKey);
  if (hit && now - hit.at < CACHE_MS) return hit.content;
  const content = loadQuizContent().catch((error) => {
    cache.delete(tableKey);
    throw error;
  });
  cache.set(tableKey, { at: now, content });
  return content;
}
