/**
 * The PenhaS questionnaires, as data (the original's `questionnaires`,
 * `quiz_config`, `mf_questionnaire_order` and `mf_questionnaire_remove_tarefa`
 * rows). Texts written for this project. Three kinds:
 *
 * - the first quiz (id 1), started automatically for women: it replaces the
 *   modules of `GET /me` until she finishes it (the assistant's "answer again"
 *   starts it over); pressing the camouflage button marks violence as detected;
 * - an anonymous questionnaire (id 2), open without an account;
 * - the Manual de Fuga: a start block (id 10) that lets her choose where to
 *   begin, and four blocks (11–14) that give tasks from the catalog
 *   (../tasks-catalog.ts codes `T1`…`T28`) as she answers.
 *
 * Every message type the engine knows appears at least once: yesno,
 * yesnomaybe, text, yesnogroup, skillset, displaytext (and intros),
 * botao_tela_modo_camuflado, botao_fim, multiplechoices, onlychoice,
 * auto_change_questionnaire, tag_user, next_mf_questionnaire(_outstanding).
 */
import { quizContentItems, type QuizConfig, type QuizContent } from '../../quiz/content.ts';
import type { ContentModule } from '../content-item.ts';

const tarefas = (...ids: number[]) => ids.map((id) => ({ codigo: `T${id}` }));

/** Question ids are unique across questionnaires (message refs are built from them). */
let nextQuestionId = 1000;
const q = (fields: Omit<QuizConfig, 'id' | 'relevance'> & { relevance?: string }): QuizConfig => ({ id: nextQuestionId++, relevance: '1', ...fields });

const WOMAN = "(cliente.genero == 'Feminino' || cliente.genero == 'MulherTrans')";

const firstQuiz: QuizConfig[] = [
  q({
    type: 'yesno',
    code: 'Q1_conversar',
    question: 'Podemos conversar um pouco? São poucas perguntas, e as respostas ficam só entre nós.',
    intro: [
      { text: 'Olá, [% cliente.apelido %]! Eu sou a assistente do PenhaS.' },
      { text: 'Vou fazer algumas perguntas para entender como posso ajudar você a se proteger.' },
    ],
  }),
  q({
    type: 'displaytext',
    code: 'Q1_depois',
    question: 'Tudo bem! Você pode responder quando quiser pelo Assistente PenhaS, na aba de conversas.',
    relevance: "Q1_conversar == 'N'",
  }),
  q({ type: 'botao_fim', code: 'Q1_fim_sem_conversar', question: 'Até logo!', button_label: 'Finalizar', relevance: "Q1_conversar == 'N'" }),
  q({
    type: 'yesnogroup',
    code: 'Q1_violencias',
    question: '',
    relevance: "Q1_conversar == 'Y'",
    intro: [{ text: 'Nos últimos meses, alguém com quem você tem ou teve uma relação…' }],
    yesnogroup: [
      { Status: 1, referencia: 'humilha', power2answer: 1, question: 'humilhou, xingou ou ameaçou você?' },
      { Status: 1, referencia: 'controla', power2answer: 2, question: 'controlou seu celular, seu dinheiro ou com quem você fala?' },
      { Status: 1, referencia: 'agride', power2answer: 4, question: 'empurrou, bateu ou machucou você?' },
      { Status: 1, referencia: 'forca', power2answer: 8, question: 'forçou você a ter relações sexuais?' },
    ],
  }),
  q({
    type: 'yesnomaybe',
    code: 'Q1_medo',
    question: 'Você sente medo de estar em casa?',
    relevance: "Q1_conversar == 'Y'",
  }),
  q({
    type: 'onlychoice',
    code: 'Q1_mora',
    question: 'Com quem você mora hoje?',
    relevance: "Q1_conversar == 'Y'",
    options: [
      { label: 'Sozinha', value: 'sozinha' },
      { label: 'Com a pessoa que me agride', value: 'com-agressor' },
      { label: 'Com familiares ou amigas', value: 'familia' },
      { label: 'Prefiro não dizer', value: 'nao-dizer' },
    ],
  }),
  q({
    type: 'multiplechoices',
    code: 'Q1_apoio',
    question: 'Com quem você pode contar? Escolha quantas opções quiser.',
    relevance: "Q1_conversar == 'Y'",
    options: [
      { label: 'Família', value: 'familia' },
      { label: 'Amigas ou vizinhas', value: 'amigas' },
      { label: 'Colegas de trabalho', value: 'trabalho' },
      { label: 'Serviços de atendimento', value: 'servicos' },
      { label: 'Ninguém, por enquanto', value: 'ninguem' },
    ],
  }),
  q({
    type: 'text',
    code: 'Q1_palavra',
    question: 'Se quiser, escreva em poucas palavras como você está se sentindo hoje.',
    relevance: "Q1_conversar == 'Y'",
  }),
  q({
    type: 'skillset',
    code: 'Q1_habilidades',
    question: 'Você tem alguma destas habilidades para ajudar outras mulheres na comunidade PenhaS?',
    relevance: "Q1_conversar == 'Y'",
  }),
  q({
    type: 'displaytext',
    code: 'Q1_risco',
    question: 'Obrigada por confiar em mim, [% cliente.apelido %]. Pelas suas respostas, você pode estar em situação de violência. Você não está sozinha.',
    relevance: "Q1_conversar == 'Y' && (Q1_violencias > 0 || Q1_medo == 'Y')",
  }),
  q({
    type: 'botao_tela_modo_camuflado',
    code: 'Q1_camuflado',
    question: 'O modo camuflado disfarça o PenhaS no seu celular, para que ninguém perceba que você usa o aplicativo. Quer ver como funciona?',
    relevance: "Q1_conversar == 'Y' && (Q1_violencias > 0 || Q1_medo == 'Y')",
  }),
  q({
    type: 'displaytext',
    code: 'Q1_sem_risco',
    question: 'Obrigada por responder! Que bom saber que você está bem. O PenhaS está aqui sempre que precisar.',
    relevance: "Q1_conversar == 'Y' && !(Q1_violencias > 0 || Q1_medo == 'Y')",
  }),
  q({
    type: 'botao_fim',
    code: 'Q1_fim',
    question: 'Conheça agora o que o PenhaS oferece: guardiões, botão de pânico, pontos de apoio e o Manual de Fuga.',
    button_label: 'Finalizar',
    relevance: "Q1_conversar == 'Y'",
  }),
];

const anonymousQuiz: QuizConfig[] = [
  q({
    type: 'onlychoice',
    code: 'A_assunto',
    question: 'Olá! Sobre o que você quer saber?',
    options: [
      { label: 'Como identificar uma situação de violência', value: 'identificar' },
      { label: 'Onde buscar ajuda', value: 'ajuda' },
    ],
  }),
  q({
    type: 'displaytext',
    code: 'A_identificar',
    question:
      'Violência doméstica não é só agressão física: humilhar, controlar, ameaçar, isolar da família e tirar o seu dinheiro também são formas de violência.',
    relevance: "A_assunto == 'identificar'",
  }),
  q({
    type: 'displaytext',
    code: 'A_ajuda',
    question: 'Em uma emergência, ligue 190. Para orientação e denúncias, ligue 180: é gratuito, anônimo e funciona 24 horas.',
    relevance: "A_assunto == 'ajuda'",
  }),
  q({ type: 'yesno', code: 'A_app', question: 'Quer conhecer o aplicativo PenhaS?' }),
  q({
    type: 'displaytext',
    code: 'A_app_sim',
    question: 'O PenhaS é gratuito: procure por PenhaS na loja de aplicativos do seu celular.',
    relevance: "A_app == 'Y'",
  }),
  q({ type: 'botao_fim', code: 'A_fim', question: 'Obrigada pela conversa. Cuide-se!', button_label: 'Finalizar' }),
];

const mfStart: QuizConfig[] = [
  q({
    type: 'yesno',
    code: 'B0_limpar',
    question:
      'Você quer limpar sua lista de tarefas atual? Ela foi feita com base nas suas respostas anteriores. Se você limpar, ela será apagada; se não, as novas tarefas serão somadas às atuais.',
    relevance: "cliente.ja_completou_mf == '1'",
    tag: [{ codigo: 'SIM_LIMPA_MF' }],
  }),
  q({
    type: 'onlychoice',
    code: 'B0_bloco',
    question: 'Separamos o conteúdo em quatro blocos. Por qual você quer começar?',
    intro: [
      {
        text: 'Olá, bem-vinda ao Manual de Fuga do PenhaS. Ele vai ajudar você a construir estratégias de segurança e a conhecer seus direitos, caso precise sair de casa para se proteger.',
      },
      { text: 'Leva cerca de 20 minutos. Você pode parar quando quiser e continuar exatamente de onde parou.' },
      { text: 'Cada situação é diferente, e só você pode avaliar o risco que corre.' },
    ],
    options: [
      { label: 'Passos para fuga', value: 'passos-para-fuga' },
      { label: 'Crianças, adolescentes e dependentes', value: 'criancas-adolescentes-e-dependentes' },
      { label: 'Bens, trabalho e renda', value: 'bens-trabalho-e-renda' },
      { label: 'Segurança pessoal', value: 'seguranca-pessoal' },
    ],
    tarefas: tarefas(1, 2, 3, 4),
  }),
  q({ type: 'auto_change_questionnaire', code: 'B0_ir_b1', question: '', relevance: "B0_bloco == 'passos-para-fuga'", change_to_questionnaire_id: 11 }),
  q({
    type: 'auto_change_questionnaire',
    code: 'B0_ir_b2',
    question: '',
    relevance: "B0_bloco == 'criancas-adolescentes-e-dependentes'",
    change_to_questionnaire_id: 12,
  }),
  q({ type: 'auto_change_questionnaire', code: 'B0_ir_b3', question: '', relevance: "B0_bloco == 'bens-trabalho-e-renda'", change_to_questionnaire_id: 13 }),
  q({ type: 'auto_change_questionnaire', code: 'B0_ir_b4', question: '', relevance: "B0_bloco == 'seguranca-pessoal'", change_to_questionnaire_id: 14 }),
];

const mfPassos: QuizConfig[] = [
  q({
    type: 'displaytext',
    code: 'B1_intro',
    question: 'Este bloco ajuda você a pensar em um lugar para se proteger e em como chegar até lá com segurança.',
  }),
  q({ type: 'yesnomaybe', code: 'B1_destino', question: 'Você tem para onde ir?' }),
  q({
    type: 'displaytext',
    code: 'B1_destino_sim',
    question: 'Que bom que você não está sozinha! Vamos planejar os próximos passos.',
    relevance: "B1_destino == 'Y'",
    tarefas: tarefas(9),
  }),
  q({
    type: 'displaytext',
    code: 'B1_destino_nao',
    question: 'Existem casas-abrigo e serviços de acolhimento. O Centro de Referência da Mulher ou o CRAS da sua cidade podem orientar você.',
    relevance: "B1_destino == 'N' || B1_destino == 'M'",
    tarefas: tarefas(7, 8),
  }),
  q({
    type: 'multiplechoices',
    code: 'B1_transporte',
    question: 'Como você pretende sair de casa? Escolha quantas opções quiser.',
    options: [
      { label: 'Transporte público', value: 'publico' },
      { label: 'Carro próprio', value: 'carro' },
      { label: 'Alguém vai me buscar', value: 'carona' },
      { label: 'Ainda não sei', value: 'nao-sei' },
    ],
  }),
  q({
    type: 'displaytext',
    code: 'B1_t_publico',
    question: 'Anote as linhas e os horários.',
    relevance: "is_json_member('publico', B1_transporte_json)",
    tarefas: tarefas(18, 19),
  }),
  q({
    type: 'displaytext',
    code: 'B1_t_carro',
    question: 'Deixe o carro pronto para sair.',
    relevance: "is_json_member('carro', B1_transporte_json)",
    tarefas: tarefas(20),
  }),
  q({
    type: 'displaytext',
    code: 'B1_t_carona',
    question: 'Combine tudo com antecedência.',
    relevance: "is_json_member('carona', B1_transporte_json)",
    tarefas: tarefas(21),
  }),
  q({ type: 'yesno', code: 'B1_contatos', question: 'Você tem os telefones de pessoas de confiança anotados fora do celular?', tarefas: tarefas(5) }),
  q({ type: 'tag_user', code: 'B1_tag', question: '', tag: [{ codigo: 'MF_PASSOS' }] }),
  q({ type: 'next_mf_questionnaire', code: 'B1_proximo', question: '' }),
];

const mfDependentes: QuizConfig[] = [
  q({ type: 'yesno', code: 'B2_dependentes', question: 'Alguém depende de você, como filhos, enteados ou outros familiares?' }),
  q({
    type: 'displaytext',
    code: 'B2_dep_sim',
    question: 'Vamos pensar em como proteger também quem depende de você.',
    relevance: "B2_dependentes == 'Y'",
    tarefas: tarefas(22, 23, 24),
  }),
  q({
    type: 'yesno',
    code: 'B2_violencia',
    question: 'As crianças ou adolescentes também sofrem violência?',
    relevance: "B2_dependentes == 'Y'",
    tarefas: tarefas(25),
  }),
  q({ type: 'next_mf_questionnaire', code: 'B2_proximo', question: '' }),
];

const mfBens: QuizConfig[] = [
  q({
    type: 'onlychoice',
    code: 'B3_renda',
    question: 'Qual frase descreve melhor a sua situação financeira?',
    options: [
      { label: 'Trabalho e tenho liberdade com o meu dinheiro', value: 'trabalho-livre' },
      { label: 'Não trabalho, mas recebo benefício ou pensão', value: 'beneficio' },
      { label: 'Dependo financeiramente dele, ou ele controla meu dinheiro', value: 'dependo' },
    ],
  }),
  q({
    type: 'displaytext',
    code: 'B3_dependo',
    question: 'A dependência financeira é uma forma de controle. Há benefícios e orientação gratuita que podem ajudar.',
    relevance: "B3_renda == 'dependo'",
    tarefas: tarefas(8, 26),
  }),
  q({ type: 'yesno', code: 'B3_bens', question: 'Vocês têm bens em comum, como casa, carro ou terreno?', tarefas: tarefas(27) }),
  q({
    type: 'displaytext',
    code: 'B3_defensoria',
    question: 'A Defensoria Pública orienta sobre pensão, guarda e partilha de bens, de graça.',
    relevance: "B3_bens == 'Y'",
    tarefas: tarefas(28),
  }),
  q({ type: 'next_mf_questionnaire', code: 'B3_proximo', question: '' }),
];

const mfSeguranca: QuizConfig[] = [
  q({ type: 'yesno', code: 'B4_medida', question: 'Você tem medida protetiva?' }),
  q({
    type: 'displaytext',
    code: 'B4_medida_sim',
    question: 'Se ele descumprir a medida, registre um boletim de ocorrência: descumprir a medida protetiva é crime.',
    relevance: "B4_medida == 'Y'",
    tarefas: tarefas(10),
  }),
  q({ type: 'yesno', code: 'B4_celular', question: 'Ele tem ou já teve acesso ao seu celular?', tarefas: tarefas(13, 14, 15) }),
  q({ type: 'displaytext', code: 'B4_registros', question: 'Guardar provas ajuda se você decidir denunciar.', tarefas: tarefas(11, 12, 16) }),
  q({ type: 'text', code: 'B4_palavra', question: 'Que palavra ou sinal você combinaria com alguém de confiança para pedir ajuda?', tarefas: tarefas(6) }),
  q({ type: 'next_mf_questionnaire_outstanding', code: 'B4_proximo', question: '' }),
];

const questionnaire = (
  id: number,
  name: string,
  quizConfig: QuizConfig[],
  fields: Partial<QuizContent['questionnaires'][number]> = {},
): QuizContent['questionnaires'][number] => ({
  id,
  name,
  active: true,
  condition: '0',
  end_screen: 'home',
  penhas_start_automatically: false,
  penhas_cliente_required: true,
  quiz_config: quizConfig,
  ...fields,
});

/** The "Revisar Transporte" button of the task list: the transport answers again, without the rest of the manual. */
const mfTransportReview: QuizConfig[] = [
  q({ type: 'displaytext', code: 'R_intro', question: 'Vamos revisar como você pretende sair de casa. As tarefas de transporte serão atualizadas.' }),
  q({
    type: 'multiplechoices',
    code: 'R_transporte',
    question: 'Como você pretende sair de casa? Escolha quantas opções quiser.',
    options: [
      { label: 'Transporte público', value: 'publico' },
      { label: 'Carro próprio', value: 'carro' },
      { label: 'Alguém vai me buscar', value: 'carona' },
      { label: 'Ainda não sei', value: 'nao-sei' },
    ],
    tarefas: tarefas(17),
  }),
  q({
    type: 'displaytext',
    code: 'R_t_publico',
    question: 'Anote as linhas e os horários.',
    relevance: "is_json_member('publico', R_transporte_json)",
    tarefas: tarefas(18, 19),
  }),
  q({
    type: 'displaytext',
    code: 'R_t_carro',
    question: 'Deixe o carro pronto para sair.',
    relevance: "is_json_member('carro', R_transporte_json)",
    tarefas: tarefas(20),
  }),
  q({
    type: 'displaytext',
    code: 'R_t_carona',
    question: 'Combine tudo com antecedência.',
    relevance: "is_json_member('carona', R_transporte_json)",
    tarefas: tarefas(21),
  }),
  q({ type: 'botao_fim', code: 'R_fim', question: 'Pronto! Suas tarefas de transporte foram atualizadas.', button_label: 'Ver minhas tarefas' }),
];

/** The Manual de Fuga ends on the app's MF tab. */
const MF = { end_screen: '/mainboard?page=escapemanual' };

export const quizContent: QuizContent = {
  questionnaires: [
    questionnaire(1, 'Primeiro acesso', firstQuiz, {
      // Finished once, it is not offered again until she asks the assistant to answer it again.
      condition: WOMAN,
      penhas_start_automatically: true,
      end_screen: '/mainboard?page=feed',
    }),
    questionnaire(2, 'Conversa anônima', anonymousQuiz, { penhas_cliente_required: false, end_screen: '/' }),
    questionnaire(10, 'MF B0 - Início', mfStart, MF),
    questionnaire(11, 'MF B1 - Passos para fuga', mfPassos, { ...MF, remove_tarefas: ['T9'] }),
    questionnaire(12, 'MF B2 - Crianças, adolescentes e dependentes', mfDependentes, MF),
    questionnaire(13, 'MF B3 - Bens, trabalho e renda', mfBens, MF),
    questionnaire(14, 'MF B4 - Segurança pessoal', mfSeguranca, MF),
    // Starting the review removes the transport tasks; the answers list them again.
    questionnaire(15, 'MF - Revisar transporte', mfTransportReview, { ...MF, remove_tarefas: ['T17', 'T18', 'T19', 'T20', 'T21'] }),
  ],
  mfRedoAddressQuestionnaireId: 15,
  mfOrder: [
    { questionnaire_id: 10, sort: 0, outstanding: false },
    { questionnaire_id: 11, sort: 1, outstanding: false },
    { questionnaire_id: 12, sort: 2, outstanding: false },
    { questionnaire_id: 13, sort: 3, outstanding: false },
    { questionnaire_id: 14, sort: 4, outstanding: true },
  ],
  anonConfig: {},
};

export const quizContentModule: ContentModule = {
  name: 'quiz',
  items: () => quizContentItems(quizContent) as ReturnType<ContentModule['items']>,
};
