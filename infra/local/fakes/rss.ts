/**
 * News feeds and the sites behind them, for PenhaS's news (`/_local/rss`):
 * `GET /feed?url=<feed url>` answers a sample Portuguese RSS 2.0 feed (the
 * same one for the same URL; a test may set its own with `setFeed`), whose
 * items link to `/pages/<slug>` (an article page with a title, a description
 * and an og:image at `/images/<slug>.png`). `fail(url?)` makes one feed (or
 * every feed) answer 500 until `recover()`. Functions reach it through
 * NEWS_FEED_PROXY, set in PenhaS's local environment.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProviderFake } from '../component.ts';

interface SampleArticle {
  slug: string;
  title: string;
  description: string;
  category: string;
  article: string;
  /** Days before now it was published. */
  daysAgo: number;
}

const ARTICLES: readonly SampleArticle[] = [
  {
    slug: 'lei-maria-da-penha-medidas-protetivas',
    title: 'Lei Maria da Penha: como pedir medidas protetivas de urgência',
    description: 'Um guia sobre o acolhimento na delegacia da mulher e os seus direitos.',
    category: 'Violência doméstica',
    article: 'As medidas protetivas podem ser pedidas na delegacia ou pelo Ligue 180. O boletim de ocorrência não é obrigatório.',
    daysAgo: 1,
  },
  {
    slug: 'saude-mental-depois-da-violencia',
    title: 'Saúde mental depois da violência: onde buscar terapia gratuita',
    description: 'Serviços públicos e coletivos oferecem atendimento psicológico.',
    category: 'Saúde',
    article: 'A ansiedade e a depressão são comuns depois de um relacionamento abusivo; a rede pública oferece terapia.',
    daysAgo: 2,
  },
  {
    slug: 'direitos-trabalhistas-das-mulheres',
    title: 'Direitos trabalhistas: o que muda para mulheres em situação de violência',
    description: 'A lei garante afastamento do trabalho por até seis meses.',
    category: 'Direitos',
    article: 'Quem sofre violência doméstica pode se afastar do trabalho mantendo o vínculo, por decisão judicial.',
    daysAgo: 3,
  },
  {
    slug: 'renda-e-autonomia-financeira',
    title: 'Renda e autonomia financeira: programas de emprego para mulheres',
    description: 'Cursos e vagas de trabalho para recomeçar com independência.',
    category: 'Trabalho',
    article: 'Programas municipais oferecem capacitação e prioridade em vagas de emprego para mulheres atendidas pela rede.',
    daysAgo: 4,
  },
  {
    slug: 'feminicidio-dados-do-ano',
    title: 'Feminicídio: os dados do ano e o que eles revelam',
    description: 'Levantamento mostra aumento dos casos em cidades do interior.',
    category: 'Violência contra a mulher',
    article: 'Os dados mostram que a maioria das vítimas já tinha registrado ocorrência contra o agressor.',
    daysAgo: 5,
  },
  {
    slug: 'rede-de-apoio-como-montar',
    title: 'Como montar uma rede de apoio com amigas e familiares',
    description: 'Casa abrigo, centros de referência e pessoas de confiança: a rede de apoio.',
    category: 'Apoio',
    article: 'Combine sinais com pessoas de confiança e guarde os telefones da rede de atendimento.',
    daysAgo: 6,
  },
];

/** Which sample articles each feed URL gets: a stable choice, so a URL always answers the same feed. */
function articlesFor(url: string): SampleArticle[] {
  let hash = 0;
  for (const char of url) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const start = hash % ARTICLES.length;
  return [0, 1, 2, 3].map((i) => ARTICLES[(start + i) % ARTICLES.length]);
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A 1×1 PNG (lilac): the og:image of every sample article. */
const IMAGE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPYsOUJAAPfAf0I3VsCAAAAAElFTkSuQmCC', 'base64');

export class FakeRssFeeds implements ProviderFake {
  readonly name = 'rss';
  private baseUrl?: string;
  private readonly custom = new Map<string, string>();
  private readonly failing = new Set<string>();
  private failAll = false;
  /** Feed URLs asked for, oldest first (the latest few hundred). */
  readonly fetched: string[] = [];

  get url(): string {
    if (!this.baseUrl) throw new Error('the rss stand-in is not mounted on a runtime yet');
    return `${this.baseUrl}/_local/rss`;
  }

  mount(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  describe(): string[] {
    return [`fake     ${this.url}  (news feeds and their sites stand-in)`];
  }

  async stop(): Promise<void> {}

  /** The feed answered for `url` from now on (a test's own XML). */
  setFeed(url: string, xml: string): void {
    this.custom.set(url, xml);
  }

  /** The feed at `url` (every feed without one) answers 500 until recover(). */
  fail(url?: string): void {
    if (url === undefined) this.failAll = true;
    else this.failing.add(url);
  }

  recover(): void {
    this.failAll = false;
    this.failing.clear();
  }

  /** The sample feed of a URL, as served. */
  sampleFeed(url: string, now = Date.now()): string {
    const items = articlesFor(url)
      .map(
        (article) => `    <item>
      <title>${xmlEscape(article.title)}</title>
      <link>${this.url}/pages/${article.slug}</link>
      <guid>${this.url}/pages/${article.slug}</guid>
      <pubDate>${new Date(now - article.daysAgo * 86_400_000).toUTCString()}</pubDate>
      <category>${xmlEscape(article.category)}</category>
      <description>${xmlEscape(article.description)}</description>
      <dc:creator>Redação</dc:creator>
    </item>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Notícias de exemplo</title>
    <link>${xmlEscape(url)}</link>
    <description>Feed de exemplo do ambiente local</description>
${items}
  </channel>
</rss>`;
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const prefix = '/_local/rss';
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    for await (const _ of req) {
      // the body is not used; read it so the connection stays usable
    }
    const path = url.pathname.slice(prefix.length);
    const send = (status: number, type: string, body: string | Buffer) =>
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
    if (path === '/feed') {
      const feedUrl = url.searchParams.get('url') ?? '';
      this.fetched.push(feedUrl);
      if (this.fetched.length > 500) this.fetched.shift();
      if (this.failAll || this.failing.has(feedUrl)) send(500, 'text/plain', 'feed unavailable');
      else send(200, 'application/rss+xml; charset=utf-8', this.custom.get(feedUrl) ?? this.sampleFeed(feedUrl));
      return true;
    }
    const page = /^\/pages\/([a-z0-9-]+)$/.exec(path);
    const article = page && ARTICLES.find((candidate) => candidate.slug === page[1]);
    if (article) {
      send(
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html lang="pt-BR"><head><title>${xmlEscape(article.title)}</title>
<meta name="description" content="${xmlEscape(article.description)}">
<meta property="og:image" content="/_local/rss/images/${article.slug}.png"></head>
<body><article><h1>${xmlEscape(article.title)}</h1><p>${xmlEscape(article.article)}</p></article></body></html>`,
      );
      return true;
    }
    if (/^\/images\/[a-z0-9-]+\.png$/.test(path)) send(200, 'image/png', IMAGE);
    else send(404, 'text/plain', 'not found');
    return true;
  }
}
