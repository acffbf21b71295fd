/**
 * The public pages as HTML: the FAQ index, an entry, the texts (terms, privacy,
 * contact, account deletion). Content comes from the table (content seed);
 * a page whose content is missing answers 404.
 */
import type { HttpResult } from '#shared/http/responses';
import type { WebPageSlug } from '../content/web-pages.ts';
import { escapeHtml, page } from './html.ts';
import { faqById, faqSections, webPage } from './web-content.ts';

/** `help` is the FAQ's address relative to the page answering. */
const notFound = (help: string) =>
  page('Página não encontrada', `<p>A página procurada não existe.</p>\n<nav><a href="${help}">Ir para a ajuda</a></nav>`, 404);

/** `GET /web/faq`: the intro text, the questions by category (native disclosure, no script), links to the texts. */
export async function faqIndexPage(): Promise<HttpResult> {
  const [intro, sections] = await Promise.all([webPage('faq-index'), faqSections()]);
  const list = sections
    .map(
      ({ category, faqs }) => `<details id="categoria-${category.id}">
<summary><h2>${escapeHtml(category.title)}</h2></summary>
<ul>
${faqs.map((faq) => (faq.inline ? `<li>${escapeHtml(faq.title)}</li>` : `<li><a class="faq-sobre-link" href="faq/${faq.id}">${escapeHtml(faq.title)}</a></li>`)).join('\n')}
</ul>
</details>`,
    )
    .join('\n');
  return page(
    'Perguntas frequentes',
    `${intro?.html ?? ''}
<p>Tire suas dúvidas sobre o PenhaS e saiba tudo sobre as funcionalidades do aplicativo.</p>
${list}
<nav aria-label="Outros textos">
<ul>
<li><a href="termos-de-uso">Termos de uso</a></li>
<li><a href="politica-privacidade">Política de privacidade</a></li>
<li><a href="faq/_botao_contato_">Não encontrei o que preciso</a></li>
</ul>
</nav>`,
  );
}

/** The texts reachable under `/web/faq/` besides the entries, as the original routes them. */
const FAQ_TEXTS: Record<string, WebPageSlug> = { _botao_contato_: 'faq-contato', 'conta-exclusao': 'conta-exclusao' };

/** `GET /web/faq/{faq_id}`: an entry (by its numeric id) or one of the FAQ's texts. */
export async function faqDetailPage(faqId: string): Promise<HttpResult> {
  const back = '<nav><a href="../faq">Voltar para as perguntas</a></nav>';
  const slug = Object.hasOwn(FAQ_TEXTS, faqId) ? FAQ_TEXTS[faqId] : undefined;
  if (slug) {
    const text = await webPage(slug);
    return text ? page(text.title, `${text.html}\n${back}`) : notFound('../faq');
  }
  if (!/^\d{1,9}$/.test(faqId)) return notFound('../faq');
  const faq = await faqById(Number(faqId));
  if (!faq || faq.inline) return notFound('../faq');
  return page(faq.title, `${faq.content_html}\n${back}`);
}

/** `GET /web/termos-de-uso`, `GET /web/politica-privacidade`. */
export async function textPage(slug: WebPageSlug): Promise<HttpResult> {
  const text = await webPage(slug);
  return text ? page(text.title, text.html) : notFound('faq');
}
