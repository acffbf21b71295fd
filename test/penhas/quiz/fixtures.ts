/**
 * The questionnaires the original's quiz tests create (010-quiz, 142-mf-quiz,
 * 058-anon-quiz), as content data, and a helper that makes them the only quiz
 * content of a test's table.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { QuizConfig, QuizContent } from '../../../functions/penhas/quiz/content.ts';
import { quizContentItems } from '../../../functions/penhas/quiz/content.ts';
import { QUIZ_CONTENT_PARTITION } from '../../../functions/penhas/keys.ts';
import type { PenhasTable } from '../app-client.ts';

type Questionnaire = QuizContent['questionnaires'][number];

const questionnaire = (id: number, name: string, quiz_config: QuizConfig[], fields: Partial<Questionnaire> = {}): Questionnaire => ({
  id,
  name,
  active: true,
  condition: '1',
  end_screen: 'home',
  penhas_start_automatically: true,
  penhas_cliente_required: true,
  quiz_config,
  ...fields,
});

/** 010-quiz: every input type in one automatic questionnaire, and one she does not qualify for. */
export const automaticQuiz = questionnaire(
  4,
  'a-quiz-test',
  [
    {
      id: 40,
      type: 'yesno',
      code: 'yesno1',
      question: 'yesno question☺️⚠️👍👭🤗🤳',
      relevance: '1',
      intro: [{ text: 'intro1' }, { text: 'HELLO[% cliente.apelido %]!' }],
    },
    { id: 41, type: 'text', code: 'freetext', question: 'question for YES', relevance: "yesno1 == 'Y'" },
    { id: 42, type: 'text', code: 'freetext', question: 'question for NO', relevance: "yesno1 == 'N'" },
    {
      id: 43,
      type: 'yesnogroup',
      code: 'groupq',
      question: 'group',
      relevance: '1',
      yesnogroup: [
        { Status: 1, referencia: 'refa', power2answer: 2, question: 'Question A' },
        { Status: 0, referencia: 'off', power2answer: 8, question: 'Question disabled' },
        { Status: 1, referencia: 'reb', power2answer: 4, question: 'Question B' },
      ],
    },
    {
      id: 44,
      type: 'multiplechoices',
      code: 'skill',
      question: 'choose skills',
      relevance: '1',
      options: [
        { label: 'skill a', value: 'a' },
        { label: 'skill b', value: 'b' },
      ],
    },
    { id: 45, type: 'displaytext', code: 'displaytext', question: 'displaytext flow', relevance: '1' },
    { id: 46, type: 'botao_tela_modo_camuflado', code: 'btn_camuflado1', question: 'btn_responder_zero', relevance: '1' },
    { id: 47, type: 'displaytext', code: 'pass1', question: 'btn_camuflado1=PASS', relevance: 'btn_camuflado1 == 0' },
    { id: 48, type: 'botao_tela_modo_camuflado', code: 'btn_camuflado2', question: 'btn_responder_com1', relevance: '1' },
    { id: 49, type: 'displaytext', code: 'pass2', question: 'btn_camuflado2=PASS2', relevance: 'btn_camuflado2 == 1' },
    {
      id: 50,
      type: 'onlychoice',
      code: 'chooseone',
      question: 'choose one',
      relevance: '1',
      options: [
        { label: 'option a', value: 'a' },
        { label: 'option b', value: 'b' },
      ],
    },
    { id: 51, type: 'botao_fim', code: 'btn_fim', question: 'final', relevance: '1' },
  ],
  { end_screen: 'freetext=[% freetext %]' },
);

export const notForHer = questionnaire(5, 'b-quiz-test', [{ id: 55, type: 'yesno', code: 'never', question: 'never shown', relevance: '1' }], {
  condition: "cliente.genero == 'Masculino'",
});

/** 058-anon-quiz: a choice, a CEP lookup and its results, a text, the end button. */
export const anonQuiz = questionnaire(
  2,
  'anon-test',
  [
    {
      id: 20,
      type: 'onlychoice',
      code: 'chooseone',
      question: 'choose one',
      relevance: '1',
      options: [
        { label: 'option a', value: 'a' },
        { label: 'option b', value: 'b' },
      ],
    },
    { id: 21, type: 'cep_address_lookup', code: 'cep_01', question: 'digite seu cep', relevance: '1' },
    { id: 22, type: 'displaytext', code: 'ola', question: 'olá', relevance: '1' },
    { id: 23, type: 'botao_fim', code: 'botao_fim', question: 'fim', button_label: 'Finalizar', relevance: '1' },
  ],
  { penhas_start_automatically: false, penhas_cliente_required: false, end_screen: 'anon-end' },
);

/** A short anonymous questionnaire that can be finished without a CEP lookup. */
export const anonShort = questionnaire(
  3,
  'anon-short',
  [
    { id: 30, type: 'yesno', code: 'sim_ou_nao', question: 'sim ou não?', relevance: '1' },
    { id: 31, type: 'botao_fim', code: 'fim', question: 'fim', relevance: '1' },
  ],
  { penhas_start_automatically: false, penhas_cliente_required: false, end_screen: 'resposta=[% sim_ou_nao %] [% foo %]' },
);

/** 142-mf-quiz: the start block (7) changes to block 9, then 10 and 11 follow in order. */
export const mfBlocks: Questionnaire[] = [
  questionnaire(
    7,
    'mf-b0',
    [
      {
        id: 70,
        type: 'onlychoice',
        code: 'b0_p0',
        question: 'Separamos o conteúdo em quatro blocos. Por qual você quer começar?',
        relevance: '1',
        intro: [{ text: 'Olá, bem-vinda ao Manual de Fuga do PenhaS.' }],
        options: [
          { label: 'p0a', value: 'p0a' },
          { label: 'p0b', value: 'p0b' },
        ],
        tarefas: [{ codigo: 'T1' }],
      },
      { id: 71, type: 'auto_change_questionnaire', code: 'b0_go', question: '', relevance: "b0_p0 == 'p0a'", change_to_questionnaire_id: 9 },
    ],
    { penhas_start_automatically: false, condition: '0' },
  ),
  questionnaire(
    9,
    'mf-b1',
    [
      { id: 90, type: 'yesnomaybe', code: 'b1_p1', question: 'Você tem para onde ir?', relevance: '1', tarefas: [{ codigo: 'T9' }] },
      { id: 91, type: 'displaytext', code: 'b1_sim', question: 'Que bom que você não está sozinha', relevance: "b1_p1 == 'Y'", tarefas: [{ codigo: 'T5' }] },
      { id: 92, type: 'tag_user', code: 'b1_tag', question: '', relevance: '1', tag: [{ codigo: 'TAG_B1' }] },
      { id: 93, type: 'next_mf_questionnaire', code: 'b1_next', question: '', relevance: '1' },
    ],
    { penhas_start_automatically: false, condition: '0' },
  ),
  questionnaire(
    10,
    'mf-b2',
    [
      { id: 100, type: 'text', code: 'b2_primeira_e_ultima', question: 'campo livre', relevance: '1' },
      { id: 101, type: 'next_mf_questionnaire', code: 'b2_next', question: '', relevance: '1' },
    ],
    { penhas_start_automatically: false, condition: '0', remove_tarefas: ['T5'] },
  ),
  questionnaire(
    11,
    'mf-b3',
    [
      {
        id: 110,
        type: 'multiplechoices',
        code: 'MC_X',
        question: 'escolha',
        relevance: '1',
        intro: [{ text: 'teste mc' }],
        options: [
          { label: 'A', value: 'A' },
          { label: 'B', value: 'B' },
          { label: 'C', value: 'C' },
        ],
      },
      { id: 111, type: 'displaytext', code: 'fim_txt', question: 'Até mais', relevance: '1' },
      { id: 112, type: 'botao_fim', code: 'fim', question: 'Finalizar o manual', relevance: '1' },
    ],
    { penhas_start_automatically: false, condition: '0', end_screen: '/mainboard?page=escapemanual' },
  ),
];

export const fixtureContent: QuizContent = {
  questionnaires: [automaticQuiz, notForHer, anonQuiz, anonShort, ...mfBlocks],
  mfOrder: [7, 9, 10, 11].map((questionnaire_id, sort) => ({ questionnaire_id, sort, outstanding: false })),
  anonConfig: { greeting: 'oi' },
};

/** Makes `content` the table's only quiz content (the seeded questionnaires removed). */
export async function installQuizContent(table: PenhasTable, content: QuizContent = fixtureContent): Promise<void> {
  for (const item of await table.partition(QUIZ_CONTENT_PARTITION)) {
    await table.db.send(new DeleteCommand({ TableName: table.name, Key: { pk: item.pk, sk: item.sk } }));
  }
  for (const item of quizContentItems(content)) await table.put(item);
}
