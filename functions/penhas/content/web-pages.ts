/**
 * The public web pages' content (the original's `faq_tela_sobre` rows, their
 * categories and the long texts of its `configuracoes`): the FAQ the app opens
 * from "Sobre o PenhaS", the terms of use and the privacy policy it opens at
 * sign-in. Body texts are trusted HTML fragments written for this project.
 * The legal texts are SAMPLES, to be replaced by the operator's own before
 * going live (they say so on the page).
 */
import { faqCategoryKey, faqKey, webPageKey } from '../keys.ts';
import type { ContentItem, ContentModule } from './content-item.ts';

export interface FaqCategory {
  id: number;
  title: string;
  sort: number;
}

export interface Faq {
  id: number;
  categoryId: number;
  title: string;
  sort: number;
  /** Shown as plain text in the list, with no page of its own (the original's `exibir_titulo_inline`). */
  inline: 0 | 1;
  content_html: string;
}

export interface WebPage {
  slug: WebPageSlug;
  title: string;
  html: string;
}

export type WebPageSlug = 'faq-index' | 'faq-contato' | 'conta-exclusao' | 'termos-de-uso' | 'politica-privacidade';

const SAMPLE_NOTICE = '<p><strong>Texto de exemplo</strong>: substitua-o pelo texto aprovado pela equipe jurídica antes de publicar o serviço.</p>';

export const FAQ_CATEGORIES: readonly FaqCategory[] = [
  { id: 1, title: 'Sobre o PenhaS', sort: 1 },
  { id: 2, title: 'Guardiões e botão de pânico', sort: 2 },
  { id: 3, title: 'Manual de Fuga', sort: 3 },
  { id: 4, title: 'Privacidade e segurança', sort: 4 },
];

export const FAQS: readonly Faq[] = [
  {
    id: 1,
    categoryId: 1,
    sort: 1,
    inline: 0,
    title: 'O que é o PenhaS?',
    content_html:
      '<p>O PenhaS é um aplicativo gratuito de apoio a mulheres em situação de violência. Ele reúne informação, uma rede de acolhimento, pontos de apoio e ferramentas de proteção, como o alerta aos guardiões.</p>',
  },
  {
    id: 2,
    categoryId: 1,
    sort: 2,
    inline: 0,
    title: 'Quem pode usar o aplicativo?',
    content_html:
      '<p>Qualquer pessoa maior de idade pode se cadastrar. Algumas funções, como o Manual de Fuga e as conversas da rede de apoio, são voltadas às mulheres.</p>',
  },
  {
    id: 3,
    categoryId: 1,
    sort: 3,
    inline: 1,
    title: 'O PenhaS não substitui os serviços de emergência: em perigo, ligue 190.',
    content_html: '',
  },
  {
    id: 4,
    categoryId: 2,
    sort: 1,
    inline: 0,
    title: 'O que são guardiões?',
    content_html:
      '<p>Guardiões são pessoas de sua confiança que você convida pelo número de celular. Quando aceitam o convite, passam a receber um SMS sempre que você aciona o alerta.</p>',
  },
  {
    id: 5,
    categoryId: 2,
    sort: 2,
    inline: 0,
    title: 'Como funciona o alerta?',
    content_html:
      '<p>Ao acionar o alerta, cada guardião que aceitou o convite recebe um SMS com o seu pedido de socorro e, se o celular informar, um link com a sua localização no mapa.</p>',
  },
  {
    id: 6,
    categoryId: 2,
    sort: 3,
    inline: 0,
    title: 'Quantos guardiões posso ter?',
    content_html: '<p>Você pode ter até cinco convites ativos ao mesmo tempo. Convites não respondidos expiram depois de 30 dias e podem ser refeitos.</p>',
  },
  {
    id: 7,
    categoryId: 3,
    sort: 1,
    inline: 0,
    title: 'O que é o Manual de Fuga?',
    content_html:
      '<p>É um assistente que faz algumas perguntas e monta uma lista de ações para planejar com segurança a saída de casa. Você marca cada ação quando a concluir, no seu ritmo.</p>',
  },
  {
    id: 8,
    categoryId: 3,
    sort: 2,
    inline: 0,
    title: 'Posso refazer o Manual de Fuga?',
    content_html: '<p>Sim. Ao refazer, as respostas novas atualizam a sua lista de ações; o que você já marcou como feito continua marcado.</p>',
  },
  {
    id: 9,
    categoryId: 4,
    sort: 1,
    inline: 0,
    title: 'O que é o modo camuflado?',
    content_html: '<p>No modo camuflado o aplicativo abre com outra aparência, para não chamar a atenção de quem pegar o seu celular.</p>',
  },
  {
    id: 10,
    categoryId: 4,
    sort: 2,
    inline: 0,
    title: 'Como excluo a minha conta?',
    content_html:
      '<p>No menu do aplicativo, em "Excluir conta". A exclusão acontece 30 dias depois do pedido; até lá você pode entrar novamente e reativar a conta. <a href="conta-exclusao">Saiba mais</a>.</p>',
  },
];

export const WEB_PAGES: readonly WebPage[] = [
  {
    slug: 'faq-index',
    title: 'Ajuda',
    html: '<p>Bem-vinda à central de ajuda do PenhaS. Se você estiver em perigo agora, ligue <strong>190</strong> (Polícia Militar) ou <strong>180</strong> (Central de Atendimento à Mulher).</p>',
  },
  {
    slug: 'faq-contato',
    title: 'Fale conosco',
    html: '<p>Não encontrou o que procurava? Escreva para a equipe do PenhaS pelo suporte do aplicativo, em "Ajuda", ou pelo e-mail de contato divulgado no site do projeto.</p>',
  },
  {
    slug: 'conta-exclusao',
    title: 'Exclusão de conta',
    html: '<p>Quando você pede a exclusão da sua conta, ela fica desativada na hora e é apagada definitivamente 30 dias depois, com tudo o que você cadastrou. Durante esse prazo basta entrar novamente para reativá-la.</p>',
  },
  {
    slug: 'termos-de-uso',
    title: 'Termos de uso',
    html: `${SAMPLE_NOTICE}
<h2>1. O serviço</h2>
<p>O PenhaS oferece informação, ferramentas de proteção e uma rede de apoio a mulheres em situação de violência. O aplicativo não substitui a polícia nem os serviços públicos de emergência.</p>
<h2>2. Cadastro</h2>
<p>Para usar o aplicativo você informa dados verdadeiros e mantém sua senha em sigilo. Contas criadas com dados de outra pessoa podem ser suspensas.</p>
<h2>3. Conduta</h2>
<p>Não são permitidas mensagens de ódio, ameaças, assédio ou a divulgação de dados pessoais de terceiros. Conteúdos assim podem ser removidos e as contas responsáveis, bloqueadas.</p>
<h2>4. Guardiões</h2>
<p>Ao convidar guardiões, você declara ter o consentimento dessas pessoas para que recebam mensagens do PenhaS em seu nome.</p>
<h2>5. Alterações</h2>
<p>Estes termos podem mudar; mudanças relevantes são avisadas no aplicativo.</p>`,
  },
  {
    slug: 'politica-privacidade',
    title: 'Política de privacidade',
    html: `${SAMPLE_NOTICE}
<h2>1. Dados que coletamos</h2>
<p>Nome, apelido, e-mail, data de nascimento, CPF (guardado apenas de forma cifrada, para confirmar a identidade), CEP e os dados que você decide cadastrar no aplicativo, como guardiões e tarefas do Manual de Fuga.</p>
<h2>2. Para que usamos</h2>
<p>Para manter a sua conta, enviar os alertas que você aciona aos seus guardiões e oferecer as funções do aplicativo. Não vendemos dados pessoais.</p>
<h2>3. Compartilhamento</h2>
<p>Os alertas são enviados por SMS por meio de provedores contratados. Dados só são entregues a autoridades quando a lei exigir.</p>
<h2>4. Seus direitos</h2>
<p>Você pode consultar, corrigir e excluir seus dados a qualquer momento pelo aplicativo, conforme a Lei Geral de Proteção de Dados (Lei 13.709/2018).</p>
<h2>5. Exclusão</h2>
<p>A conta excluída é apagada definitivamente 30 dias após o pedido.</p>`,
  },
];

export const webPagesContent: ContentModule = {
  name: 'web-pages',
  items: (): ContentItem[] => [
    ...FAQ_CATEGORIES.map((category) => ({ ...faqCategoryKey(category.id), ...category })),
    ...FAQS.map((faq) => ({ ...faqKey(faq.id), ...faq })),
    ...WEB_PAGES.map((page) => ({ ...webPageKey(page.slug), ...page })),
  ],
};
