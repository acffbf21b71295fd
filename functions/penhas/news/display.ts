/**
 * News in the timeline, as the original interleaved it: after every third
 * tweet a news group. On the main timeline the groups are the display groups
 * (the "vitrine": up to three items of one topic under the topic's title,
 * rebuilt whenever an item is indexed); with a tag filter or `only_news`, one
 * item per group, newest first, from the published items that carry those
 * tags (or any topic tag). Groups left over when the tweets run out follow at
 * the end. The `next_page` token remembers which items were shown.
 */
import * as table from '#shared/db/table';
import { batchGet } from '#shared/db/batch';
import { NEWS_PUBLISHED, newsDisplayKey, newsKey } from '../keys.ts';
import { proxyImageUrl, trackedNewsUrl } from '../timeline/links.ts';
import type { DisplayGroup, NewsRecord, PreparedHighlight } from './news.ts';

export interface NewsView {
  id: number;
  href: string;
  title: string;
  source: string;
  date_str: string;
  image: string;
}

export interface NewsGroupItem {
  type: 'news_group';
  header: string | null;
  news: NewsView[];
}

export type TimelineItem = NewsGroupItem;

export interface NewsPageState {
  vitrine_order?: number;
  news_added?: number[];
}

/** What the display indexer leaves for the timeline: the topic groups and the highlights with their news. */
export interface DisplayItem {
  groups?: DisplayGroup[];
  highlights?: PreparedHighlight[];
}

export const loadDisplay = (): Promise<DisplayItem | undefined> => table.get<DisplayItem>(newsDisplayKey());

interface Options {
  /** The display item when the caller already read it (null: read, there is none). */
  display?: DisplayItem | null;
  viewerId: number;
  base: string;
  plainNews: boolean;
  tags: string;
  state: NewsPageState;
}

const DEFAULT_IMAGE = () => process.env.NEWS_DEFAULT_IMAGE;

/** `dd/mm/yyyy` of the item's display time. */
const dateStr = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function formatNews(news: NewsRecord, viewerId: number, base: string): NewsView {
  return {
    id: news.id,
    href: trackedNewsUrl(base, viewerId, news.id, news.hyperlink),
    title: news.title,
    source: news.fonte,
    date_str: dateStr(news.display_created_time),
    image: news.image_hyperlink ? proxyImageUrl(base, news.image_hyperlink) : (DEFAULT_IMAGE() ?? `${base}avatar/news.jpg`),
  };
}

/** Published items newest first, matching the tags (or carrying a topic tag), skipping those already shown. */
async function latestNews(limit: number, tags: string, shown: Set<number>): Promise<NewsRecord[]> {
  const wanted = tags ? tags.split(',') : undefined;
  const found: NewsRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let round = 0; round < 10 && found.length < limit; round++) {
    const page = await table.query<NewsRecord>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': NEWS_PUBLISHED },
      ScanIndexForward: false,
      Limit: 50,
      ExclusiveStartKey: startKey,
    });
    for (const news of page.items) {
      if (shown.has(news.id)) continue;
      if (wanted ? !wanted.some((tag) => news.tags_index.includes(`,${tag},`)) : !news.has_topic_tags) continue;
      found.push(news);
    }
    startKey = page.lastKey;
    if (!startKey) break;
  }
  return found.slice(0, limit);
}

/** Interleaves news groups into the page's tweets (in place); answers the state for the next page and whether more news follow. */
export async function addNews(items: Array<{ type: string } | NewsGroupItem>, options: Options): Promise<{ state: NewsPageState; hasMore: boolean }> {
  const shown = new Set(options.state.news_added ?? []);
  const tweets = items.splice(0);
  const expected = Math.max(3, Math.floor(tweets.length / 3));
  const state: NewsPageState = {};
  let hasMore = false;

  let plain: NewsRecord[] = [];
  const records = new Map<number, NewsRecord>();
  let groups: DisplayGroup[] = [];
  if (options.plainNews) {
    plain = await latestNews(expected + 1, options.tags, shown);
    hasMore = plain.length > expected;
    plain = plain.slice(0, expected);
    for (const news of plain) records.set(news.id, news);
  } else {
    const lastOrder = options.state.vitrine_order ?? -1;
    const vitrine = options.display === undefined ? await loadDisplay() : options.display;
    groups = (vitrine?.groups ?? []).filter((group) => group.order > lastOrder).slice(0, expected + 1);
    hasMore = groups.length > expected;
    groups = groups.slice(0, expected);
    state.vitrine_order = groups.length ? groups[groups.length - 1].order : lastOrder;
  }

  const pending: Array<{ header: string | null; ids: number[] }> = [];
  const nextGroup = (): { header: string | null; ids: number[] } | undefined => {
    if (options.plainNews) {
      const news = plain.shift();
      if (!news) return undefined;
      shown.add(news.id);
      return { header: null, ids: [news.id] };
    }
    for (let group = groups.shift(); group; group = groups.shift()) {
      const ids = group.noticias.filter((id) => !shown.has(id));
      for (const id of ids) shown.add(id);
      if (ids.length) return { header: group.title, ids };
    }
    return undefined;
  };

  const slots: Array<{ type: string } | { header: string | null; ids: number[] }> = [];
  // Every third tweet (a tweet followed by its related news counts once, after them).
  let counted = 0;
  tweets.forEach((item, i) => {
    slots.push(item);
    const next = tweets[i + 1];
    if (next && next.type !== 'tweet') return;
    counted++;
    if (counted % 3 !== 0) return;
    const group = nextGroup();
    if (group) slots.push(group);
  });
  for (let group = nextGroup(); group; group = nextGroup()) slots.push(group);
  for (const slot of slots) if ('ids' in slot) pending.push(slot);

  const missing = [...new Set(pending.flatMap((group) => group.ids))].filter((id) => !records.has(id));
  if (missing.length) {
    const loaded = await batchGet<NewsRecord & Record<string, unknown>>(missing.map(newsKey));
    for (const news of loaded) if (news?.published === 'published') records.set(news.id, news);
  }
  for (const slot of slots) {
    if (!('ids' in slot)) {
      items.push(slot);
      continue;
    }
    const news = slot.ids.map((id) => records.get(id)).filter((record): record is NewsRecord => record !== undefined);
    if (news.length) items.push({ type: 'news_group', header: slot.header, news: news.map((record) => formatNews(record, options.viewerId, options.base)) });
  }
  state.news_added = [...shown];
  return { state, hasMore };
}
