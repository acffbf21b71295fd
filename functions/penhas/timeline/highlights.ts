/**
 * Highlighted words (the original's `add_tweets_highlights`): words of a tweet
 * that match a highlight are coloured, and the tweet is followed by a
 * `related_news` item with one of the latest news of each matching tag, under
 * the tags' titles ("A, B e C"). Pure: the highlights come prepared with their
 * news from the display indexer.
 */
import type { HighlightNews, PreparedHighlight } from '../news/news.ts';

export interface RelatedNewsItem {
  type: 'related_news';
  header: string;
  news: Array<{ href: string; title: string; source: string }>;
}

const PREFIX = '<span style="color: #f982b4">';
const POSTFIX = '</span>';
const WORD = '[\\p{L}\\p{N}_]';

/** Highlights the tweets' words (in place) and answers the list with related news after each tweet that matched. */
export function applyHighlights<T extends { type: string; content?: string }>(
  items: T[],
  highlights: readonly PreparedHighlight[],
  link: (news: HighlightNews) => string,
  pick: (count: number) => number = (count) => Math.floor(Math.random() * count),
): Array<T | RelatedNewsItem> {
  const usable = highlights.filter((highlight) => highlight.news.length > 0);
  if (usable.length === 0) return items;
  const compiled = usable.map((highlight) => ({ highlight, pattern: new RegExp(`(?<!${WORD})(${highlight.source})(?!${WORD})`, 'giu') }));
  const out: Array<T | RelatedNewsItem> = [];
  for (const item of items) {
    out.push(item);
    if (item.type !== 'tweet' || typeof item.content !== 'string') continue;
    let content = item.content;
    const headers: string[] = [];
    const related: RelatedNewsItem['news'] = [];
    for (const { highlight, pattern } of compiled) {
      pattern.lastIndex = 0;
      if (!pattern.test(content)) continue;
      content = content.replace(pattern, `${PREFIX}$1${POSTFIX}`);
      const news = highlight.news[pick(highlight.news.length)];
      related.push({ href: link(news), title: news.title, source: news.fonte });
      if (!headers.includes(highlight.header)) headers.push(highlight.header);
    }
    item.content = content;
    if (related.length) {
      const last = headers.pop()!;
      out.push({ type: 'related_news', header: headers.length ? `${headers.join(', ')} e ${last}` : last, news: related });
    }
  }
  return out;
}

/** The tags whose highlights a text matches, as the timeline's `tags` filter reads them (`,1,5,`). */
export function highlightTags(content: string, highlights: readonly PreparedHighlight[]): string {
  const tags = new Set<number>();
  for (const highlight of highlights) {
    if (new RegExp(`(?<!${WORD})(${highlight.source})(?!${WORD})`, 'iu').test(content)) tags.add(highlight.tag_id);
  }
  return `,${[...tags].sort((a, b) => a - b).join(',')},`;
}
