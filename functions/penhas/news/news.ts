/**
 * News as data: the feeds (seeded content, with their fetch state), the tag
 * rules and topics (seeded content), the items found in the feeds, and the
 * display groups. This module holds the records and the pure rules the
 * original applied: how a feed's XML becomes items (RSS 2.0 and Atom, through
 * fast-xml-parser), how a title is cleaned and capitalised, and how tag rules
 * match an item.
 */
import { XMLParser } from 'fast-xml-parser';

export interface FeedRecord {
  pk: string;
  sk: string;
  id: number;
  url: string;
  /** The source's name, shown under each item. */
  fonte: string;
  /** Titles in sentence case with words of 4+ letters capitalised (for feeds that shout). */
  autocapitalize: 0 | 1;
  status: 'active' | 'paused';
  /** Tags every item of the feed gets. */
  tags: number[];
  /** ISO time the feed is next due; absent: due now. */
  next_tick?: string;
  last_run?: string;
  last_error_message?: string;
}

export interface TagRule {
  id: number;
  tag_id: number;
  description?: string;
  /** The fields are regular expressions; otherwise `|`-separated words matched whole. */
  regexp: boolean;
  page_title_match?: string;
  page_title_not_match?: string;
  html_article_match?: string;
  html_article_not_match?: string;
  page_description_match?: string;
  page_description_not_match?: string;
  url_match?: string;
  url_not_match?: string;
  rss_feed_tags_match?: string;
  rss_feed_tags_not_match?: string;
  rss_feed_content_match?: string;
  rss_feed_content_not_match?: string;
}

export interface Topic {
  tag_id: number;
  title: string;
  order: number;
}

export interface NewsInfo {
  description?: string;
  content?: string;
  author?: string;
  /** The item's categories in the feed. */
  tags?: string[];
}

export interface NewsRecord {
  pk: string;
  sk: string;
  id: number;
  hyperlink: string;
  title: string;
  fonte: string;
  rss_feed_id: number;
  info: NewsInfo;
  /** ISO: when the source published it (else when it was found). */
  display_created_time: string;
  created_at: string;
  /** `hidden` until indexed, then `published` (or `error` when its page did not answer). */
  published: 'hidden' | 'published' | 'error';
  indexed: 0 | 1;
  tags_index: string;
  has_topic_tags: 0 | 1;
  image_hyperlink?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

/** One display group: up to three items of one topic. */
export interface DisplayGroup {
  order: number;
  title: string;
  noticias: number[];
}

export interface FeedItem {
  link: string;
  title: string;
  /** Epoch milliseconds, when the feed gave a date. */
  published?: number;
  info: NewsInfo;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'category', 'link'].includes(name),
});

const textOf = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return textOf((value as Record<string, unknown>)['#text']);
  return String(value);
};

/** The items of an RSS 2.0 or Atom document; throws when it is neither. */
export function parseFeed(xml: string): FeedItem[] {
  const document = parser.parse(xml) as Record<string, any>;
  const rssItems = document.rss?.channel?.item ?? document['rdf:RDF']?.item;
  const atomEntries = document.feed?.entry;
  if (!document.rss && !document.feed && !document['rdf:RDF']) throw new Error('not an RSS or Atom feed');
  const items: FeedItem[] = [];
  for (const item of (rssItems ?? []) as Record<string, any>[]) {
    const date = textOf(item.pubDate) ?? textOf(item['dc:date']);
    items.push({
      link: textOf(item.link?.[0]) ?? '',
      title: textOf(item.title) ?? '',
      published: date ? Date.parse(date) || undefined : undefined,
      info: {
        description: textOf(item.description),
        content: textOf(item['content:encoded']),
        author: textOf(item['dc:creator']) ?? textOf(item.author),
        tags: ((item.category ?? []) as unknown[]).map(textOf).filter((tag): tag is string => Boolean(tag)),
      },
    });
  }
  for (const entry of (atomEntries ?? []) as Record<string, any>[]) {
    const links = (entry.link ?? []) as Record<string, string>[];
    const link = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
    const date = textOf(entry.published) ?? textOf(entry.updated);
    items.push({
      link: link?.['@_href'] ?? '',
      title: textOf(entry.title) ?? '',
      published: date ? Date.parse(date) || undefined : undefined,
      info: {
        description: textOf(entry.summary),
        content: textOf(entry.content),
        author: textOf(entry.author?.name),
        tags: ((entry.category ?? []) as Record<string, string>[]).map((c) => c['@_term']).filter(Boolean),
      },
    });
  }
  return items;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : match;
    }
    return HTML_ENTITIES[entity.toLowerCase()] ?? match;
  });
}

/** Text without tags, entities decoded, spaces collapsed. */
export const plainText = (html: string): string =>
  htmlUnescape(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

const ucfirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A feed item's title as the original stored it: unescaped, no tags, single spaces, optionally re-capitalised. */
export function cleanTitle(raw: string, autocapitalize: boolean): string {
  let title = htmlUnescape(raw)
    .slice(0, 2000)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
  if (autocapitalize) {
    title = ucfirst(title.toLowerCase());
    // words of four or more characters
    title = title.replace(/(\s)(\S[^\s]{3})/g, (_, space: string, word: string) => space + ucfirst(word));
    // a capital after a full stop
    title = title.replace(/(\.\s+)(.)/g, (_, stop: string, letter: string) => stop + letter.toUpperCase());
  }
  return title;
}

/** The link a feed item points to (Google's redirect links unwrapped), or undefined when it is not http(s). */
export function itemLink(raw: string): string | undefined {
  let link = raw.trim();
  if (/www\.google\.com.+url/i.test(link)) {
    try {
      link = new URL(link).searchParams.get('url') ?? link;
    } catch {
      return undefined;
    }
  }
  return /^https?:\/\//i.test(link) ? link : undefined;
}

const FIELDS = ['page_title', 'html_article', 'page_description', 'url', 'rss_feed_tags', 'rss_feed_content'] as const;
export type RuleField = (typeof FIELDS)[number];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A rule's field as a case-insensitive expression: as written, or `a|b` as the whole words a or b. */
export function compileRuleField(value: string | undefined, isRegexp: boolean): RegExp | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (isRegexp) return new RegExp(trimmed, 'iu');
  const words = trimmed
    .split('|')
    .map((word) => word.trim())
    .filter(Boolean)
    .map((word) => `(?<![\\p{L}\\p{N}_])${escapeRegExp(word)}(?![\\p{L}\\p{N}_])`);
  return words.length ? new RegExp(`(${words.join('|')})`, 'iu') : undefined;
}

/** The texts of an item the rules test, by field (the page's, once fetched, and the feed's). */
export type RuleTexts = Record<RuleField, string>;

/** The tag ids the rules give an item: a field matches when its expression does and its `_not_match` does not. Invalid expressions are skipped. */
export function matchRules(rules: readonly TagRule[], texts: RuleTexts): number[] {
  const tags = new Set<number>();
  for (const rule of rules) {
    for (const field of FIELDS) {
      let yes: RegExp | undefined;
      let no: RegExp | undefined;
      try {
        yes = compileRuleField(rule[`${field}_match`], rule.regexp);
        no = compileRuleField(rule[`${field}_not_match`], rule.regexp);
      } catch {
        break;
      }
      const text = texts[field];
      if (!yes || !text) continue;
      if (yes.test(text) && !no?.test(text)) tags.add(rule.tag_id);
    }
  }
  return [...tags];
}

/** Topic groups of three, taking turns between topics (in topic order), as the display indexer built them. */
export function buildDisplayGroups(topics: readonly Topic[], published: readonly Pick<NewsRecord, 'id' | 'tags_index'>[]): DisplayGroup[] {
  const ordered = [...topics].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const queues = ordered.map((topic) => ({ topic, ids: published.filter((news) => news.tags_index.includes(`,${topic.tag_id},`)).map((news) => news.id) }));
  const groups: DisplayGroup[] = [];
  for (let added = true; added; ) {
    added = false;
    for (const queue of queues) {
      const ids = queue.ids.splice(0, 3);
      if (ids.length === 0) continue;
      groups.push({ order: groups.length, title: queue.topic.title, noticias: ids });
      added = true;
    }
  }
  return groups;
}

/** Words that, in a tweet, are highlighted and followed by related news of their tag (the original's `tags_highlight`). */
export interface Highlight {
  id: number;
  tag_id: number;
  /** A regular expression, or `|`-separated words. */
  match: string;
  is_regexp: boolean;
}

export interface HighlightNews {
  id: number;
  title: string;
  hyperlink: string;
  fonte: string;
}

/** A highlight ready for the timeline: its expression source, its tag's title, the latest news of its tag. */
export interface PreparedHighlight {
  id: number;
  tag_id: number;
  header: string;
  source: string;
  news: HighlightNews[];
}

/** The expression source of a highlight, or undefined when it is invalid or matches nothing in particular. */
export function highlightSource(highlight: Pick<Highlight, 'match' | 'is_regexp'>): string | undefined {
  if (highlight.is_regexp) {
    try {
      new RegExp(highlight.match, 'iu');
      return highlight.match;
    } catch {
      return undefined;
    }
  }
  const words = highlight.match
    .split('|')
    .map((word) => word.trim())
    .filter(Boolean)
    .map(escapeRegExp);
  return words.length ? words.join('|') : undefined;
}

/** How many of a tag's latest items a highlight picks from. */
export const HIGHLIGHT_NEWS = 15;
