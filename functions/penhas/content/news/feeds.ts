/**
 * The news the timeline shows comes from these feeds (the original's
 * `rss_feeds`, `rss_feeds_tags`), tagged by these rules (`tag_indexing_config`)
 * and grouped by these topics (tags with `is_topic`). Tag ids are the
 * timeline's (accounts/tags.ts). The feed list is a starting point for the
 * operator: sources and rules change here, or through the admin API.
 *
 * Locally every feed is fetched through the RSS stand-in (NEWS_FEED_PROXY),
 * which answers sample Portuguese feeds, so `npm start` shows news offline.
 */
import { TAGS } from '../../accounts/tags.ts';
import { newsFeedKey, newsHighlightKey, newsRuleKey, newsTopicsKey } from '../../keys.ts';
import type { FeedRecord, Highlight, TagRule, Topic } from '../../news/news.ts';
import type { ContentItem, ContentModule } from '../content-item.ts';

type Feed = Omit<FeedRecord, 'pk' | 'sk' | 'next_tick' | 'last_run' | 'last_error_message'>;

export const FEEDS: readonly Feed[] = [
  { id: 1, url: 'https://azmina.com.br/feed/', fonte: 'AzMina', autocapitalize: 0, status: 'active', tags: [] },
  { id: 2, url: 'https://agenciapatriciagalvao.org.br/feed/', fonte: 'Agência Patrícia Galvão', autocapitalize: 0, status: 'active', tags: [1] },
  { id: 3, url: 'https://www.generonumero.media/feed/', fonte: 'Gênero e Número', autocapitalize: 1, status: 'active', tags: [] },
];

export const RULES: readonly TagRule[] = [
  { id: 1, tag_id: 1, regexp: false, description: 'Violência doméstica', page_title_match: 'violência doméstica|maria da penha|feminicídio|agressor' },
  { id: 2, tag_id: 1, regexp: false, rss_feed_tags_match: 'violência doméstica|violência contra a mulher|feminicídio' },
  { id: 3, tag_id: 3, regexp: false, description: 'Direitos', page_title_match: 'direito|direitos|lei|medida protetiva|justiça' },
  { id: 4, tag_id: 5, regexp: false, description: 'Saúde mental', page_title_match: 'saúde mental|ansiedade|depressão|terapia' },
  { id: 5, tag_id: 8, regexp: false, description: 'Trabalho', page_title_match: 'trabalho|emprego|salário|renda' },
  { id: 6, tag_id: 4, regexp: true, description: 'Rede de apoio', page_description_match: '\\b(acolhimento|rede de apoio|casa abrigo|delegacia da mulher)\\b' },
  { id: 7, tag_id: 10, regexp: true, description: 'Segurança', html_article_match: '\\b(medida(s)? protetiva(s)?|boletim de ocorrência|ligue 180)\\b' },
];

/** Words highlighted in tweets, each followed by news of its tag. */
export const HIGHLIGHTS: readonly Highlight[] = [
  { id: 1, tag_id: 1, match: 'medida protetiva|medidas protetivas|maria da penha', is_regexp: false },
  { id: 2, tag_id: 5, match: 'ansiedade|depressão|terapia', is_regexp: false },
  { id: 3, tag_id: 3, match: 'direitos?\\s+trabalhistas?', is_regexp: true },
];

const tagTitle = (id: number): string => TAGS.find((tag) => tag.id === id)?.title ?? String(id);

export const TOPICS: readonly Topic[] = [1, 3, 5, 8].map((tag_id, order) => ({ tag_id, title: tagTitle(tag_id), order }));

export const newsContent: ContentModule = {
  name: 'news-feeds',
  items: (): ContentItem[] => [
    ...FEEDS.map((feed) => ({ ...newsFeedKey(feed.id), ...feed })),
    ...RULES.map((rule) => ({ ...newsRuleKey(rule.id), ...rule })),
    ...HIGHLIGHTS.map((highlight) => ({ ...newsHighlightKey(highlight.id), ...highlight })),
    { ...newsTopicsKey(), topics: TOPICS },
  ],
};
