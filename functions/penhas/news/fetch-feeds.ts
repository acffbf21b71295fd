/**
 * The feeds' schedule (every 5 minutes): each active feed that is due is
 * downloaded and parsed; it is due again in 3 hours, or in 7 days when it
 * failed. New items are stored hidden and queued for indexing (one job each,
 * spaced so their sites are not flooded); an item whose title changed in its
 * feed is queued again.
 */
import * as z from 'zod/mini';
import * as table from '#shared/db/table';
import { batchGet } from '#shared/db/batch';
import { nextValue } from '#shared/db/counters';
import { loadConfig } from '#shared/config';
import { sendJob } from '#shared/queue/send';
import { logger } from '#shared/observability/logger';
import { NEWS_FEED_PARTITION, newsKey, newsUrlKey, sequenceKey } from '../keys.ts';
import { queues } from '../resources.ts';
import { cleanTitle, type FeedItem, type FeedRecord, itemLink, type NewsRecord, parseFeed, plainText } from './news.ts';

const feedsConfig = z.object({
  RSS_TICK_EACH_N_HOURS: z._default(z.coerce.number(), 3),
  /** Locally: fetch every feed through the RSS stand-in (`<proxy><url-encoded feed url>`). */
  NEWS_FEED_PROXY: z.optional(z.string()),
  /** Seconds between the index jobs of one run (they fetch each item's page). */
  NEWS_INDEX_SPACING_SECONDS: z._default(z.coerce.number(), 5),
});

const FAILURE_BACKOFF_MS = 7 * 24 * 3600 * 1000;
const FETCH_TIMEOUT_MS = 10_000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;

export interface IndexJob {
  newsId: number;
}

async function activeFeeds(): Promise<FeedRecord[]> {
  const feeds: FeedRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<FeedRecord>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': NEWS_FEED_PARTITION },
      ExclusiveStartKey: startKey,
    });
    feeds.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return feeds;
}

export const isDue = (feed: Pick<FeedRecord, 'status' | 'next_tick'>, now: Date): boolean =>
  feed.status === 'active' && (!feed.next_tick || feed.next_tick <= now.toISOString());

async function download(url: string): Promise<string> {
  const proxy = loadConfig(feedsConfig).NEWS_FEED_PROXY;
  const response = await fetch(proxy ? `${proxy}${encodeURIComponent(url)}` : url, {
    headers: { 'user-agent': 'Indexador Feed RSS azmina.com.br' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`feed answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES) throw new Error('feed too large');
  return text;
}

interface Found {
  feed: FeedRecord;
  item: FeedItem;
  link: string;
  title: string;
}

/** Fetches the due feeds; answers how many items were queued for indexing. */
export async function tickFeeds(now = new Date()): Promise<number> {
  const config = loadConfig(feedsConfig);
  const due = (await activeFeeds()).filter((feed) => isDue(feed, now));
  const found: Found[] = [];
  for (const feed of due) {
    try {
      const items = parseFeed(await download(feed.url));
      for (const item of items) {
        const link = itemLink(item.link);
        const title = item.title && cleanTitle(item.title, feed.autocapitalize === 1);
        if (link && title) found.push({ feed, item, link, title });
      }
      await table.update({ pk: feed.pk, sk: feed.sk }, 'SET last_run = :now, next_tick = :next REMOVE last_error_message', {
        values: { ':now': now.toISOString(), ':next': new Date(now.getTime() + config.RSS_TICK_EACH_N_HOURS * 3600 * 1000).toISOString() },
      });
    } catch (error) {
      logger.warn('feed download failed; next try in 7 days', { feedId: feed.id, error: String((error as Error)?.message ?? error) });
      await table.update({ pk: feed.pk, sk: feed.sk }, 'SET last_run = :now, next_tick = :next, last_error_message = :error', {
        values: {
          ':now': now.toISOString(),
          ':next': new Date(now.getTime() + FAILURE_BACKOFF_MS).toISOString(),
          ':error': String((error as Error)?.message ?? error).slice(0, 500),
        },
      });
    }
  }
  const toIndex = await storeItems(found, now);
  // Spaced as the original did (SQS delays a message at most 15 minutes).
  for (const [i, newsId] of toIndex.entries()) {
    await sendJob(queues.newsIndex, { newsId } satisfies IndexJob, { delaySeconds: Math.min(900, i * config.NEWS_INDEX_SPACING_SECONDS) });
  }
  return toIndex.length;
}

/** Stores new items and retitles known ones; the ids to (re)index. */
async function storeItems(found: Found[], now: Date): Promise<number[]> {
  const unique = [...new Map(found.map((entry) => [entry.link.toLowerCase(), entry])).values()];
  const known = await batchGet<{ newsId: number }>(unique.map((entry) => newsUrlKey(entry.link.toLowerCase())));
  const existing = await batchGet<NewsRecord & Record<string, unknown>>(
    known.filter((k): k is { newsId: number } => k !== undefined).map((k) => newsKey(k.newsId)),
    { attributes: ['id', 'title', 'rss_feed_id'] },
  );
  const byId = new Map(existing.filter((news) => news !== undefined).map((news) => [news!.id, news!]));
  const toIndex: number[] = [];
  for (const [i, entry] of unique.entries()) {
    const knownId = known[i]?.newsId;
    if (knownId !== undefined) {
      const current = byId.get(knownId);
      if (current && current.title !== entry.title && current.rss_feed_id === entry.feed.id) {
        await table.update(newsKey(knownId), 'SET #title = :title, #indexed = :zero', {
          names: { '#title': 'title', '#indexed': 'indexed' },
          values: { ':title': entry.title, ':zero': 0 },
        });
        toIndex.push(knownId);
      }
      continue;
    }
    const id = await nextValue(sequenceKey('noticia'));
    const claimed = await table.put({ ...newsUrlKey(entry.link.toLowerCase()), newsId: id }, { condition: 'attribute_not_exists(pk)' });
    if (!claimed) continue;
    const info = processInfo(entry.item.info);
    const record: NewsRecord = {
      ...newsKey(id),
      id,
      hyperlink: entry.link,
      title: entry.title,
      fonte: entry.feed.fonte,
      rss_feed_id: entry.feed.id,
      info,
      display_created_time: (entry.item.published ? new Date(entry.item.published) : now).toISOString(),
      created_at: now.toISOString(),
      published: 'hidden',
      indexed: 0,
      tags_index: ',,',
      has_topic_tags: 0,
    };
    await table.put(record as unknown as Record<string, unknown>);
    toIndex.push(id);
  }
  return toIndex;
}

/** The feed's description and content as plain text (the content dropped when it repeats the description), capped. */
function processInfo(info: FeedItem['info']): FeedItem['info'] {
  let content = info.content;
  let description = info.description;
  if (content && description && content === description) content = '';
  if (content?.includes('<')) content = plainText(content);
  if (description?.includes('<')) description = plainText(description);
  if (description && description.length > 2000) description = `${description.slice(0, 2000)}...`;
  return {
    ...(description ? { description } : {}),
    ...(content ? { content: content.slice(0, 20_000) } : {}),
    ...(info.author ? { author: info.author.slice(0, 200) } : {}),
    ...(info.tags?.length ? { tags: info.tags.slice(0, 50) } : {}),
  };
}
