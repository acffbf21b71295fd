/**
 * The `news-index` queue's consumer: indexes one news item as the original's
 * news indexer did. It downloads the item's page (its title, article text,
 * description and og:image), gives the item its feed's tags and those of
 * every tag rule that matches, publishes it (or marks it `error` when the
 * page does not answer 200), then rebuilds the display groups. Running it
 * twice for an item gives the same result.
 */
import * as z from 'zod/mini';
import * as table from '#shared/db/table';
import { queueConsumer } from '#shared/queue/consume';
import { NEWS_CONTENT_PARTITION, NEWS_PUBLISHED, newsDisplayKey, newsFeedKey, newsKey, newsPublishedIndexKeys, newsTopicsKey } from '../keys.ts';
import { TAGS } from '../accounts/tags.ts';
import {
  buildDisplayGroups,
  type FeedRecord,
  HIGHLIGHT_NEWS,
  type Highlight,
  highlightSource,
  matchRules,
  type NewsRecord,
  type PreparedHighlight,
  plainText,
  type TagRule,
  type Topic,
} from './news.ts';

const FETCH_TIMEOUT_MS = 10_000;
const MAX_PAGE_BYTES = 3 * 1024 * 1024;
/** The display groups are built from the newest items only. */
const DISPLAY_WINDOW = 300;

interface Page {
  status: number;
  html: string;
}

async function downloadPage(url: string): Promise<Page> {
  try {
    const response = await fetch(url, { headers: { 'user-agent': 'Indexador Feed RSS azmina.com.br' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const html = (await response.text()).slice(0, MAX_PAGE_BYTES);
    return { status: response.status, html };
  } catch (error) {
    return { status: 0, html: String((error as Error)?.message ?? error) };
  }
}

const attribute = (tag: string, name: string): string | undefined => new RegExp(`${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];

/** The page's og:image as an absolute URL. */
export function ogImage(html: string, pageUrl: string): string | undefined {
  const tag = [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find((meta) => attribute(meta, 'property') === 'og:image');
  const content = tag && attribute(tag, 'content');
  if (!content) return undefined;
  if (content.startsWith('//')) return `https:${content}`;
  if (/^https?:\//i.test(content)) return content;
  try {
    return new URL(content, pageUrl).toString();
  } catch {
    return undefined;
  }
}

function pageTexts(html: string, news: NewsRecord) {
  const title = plainText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const article = [...html.matchAll(/<article\b[^>]*>([\s\S]*?)<\/article>/gi)].map((m) => plainText(m[1])).join('\n');
  const descriptions = [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).filter((meta) => attribute(meta, 'name') === 'description');
  return {
    page_title: `${title} ${news.title}`,
    html_article: article,
    page_description: `${descriptions.join('\n')} ${news.info.description ?? ''}`,
    url: news.hyperlink,
    rss_feed_tags: (news.info.tags ?? []).join(' '),
    rss_feed_content: news.info.content ?? '',
  };
}

async function newsContent(): Promise<{ rules: TagRule[]; topics: Topic[]; highlights: Highlight[] }> {
  const { items } = await table.query<TagRule & Highlight & { sk: string; topics?: Topic[] }>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': NEWS_CONTENT_PARTITION },
  });
  return {
    rules: items.filter((item) => item.sk.startsWith('RULE#')),
    topics: items.find((item) => item.sk === newsTopicsKey().sk)?.topics ?? [],
    highlights: items.filter((item) => item.sk.startsWith('HIGHLIGHT#')),
  };
}

export async function indexNews(newsId: number): Promise<void> {
  const news = await table.get<NewsRecord>(newsKey(newsId), { consistent: true });
  if (!news) return;
  const page = await downloadPage(news.hyperlink);
  if (page.status !== 200) {
    await table.update(newsKey(newsId), 'SET #published = :error, #indexed = :one, indexed_at = :now REMOVE gsi1pk, gsi1sk', {
      names: { '#published': 'published', '#indexed': 'indexed' },
      values: { ':error': 'error', ':one': 1, ':now': new Date().toISOString() },
    });
    await rebuildDisplayGroups();
    return;
  }
  const [content, feed] = await Promise.all([newsContent(), table.get<FeedRecord>(newsFeedKey(news.rss_feed_id))]);
  const { rules, topics } = content;
  const tags = new Set<number>(feed?.tags ?? []);
  for (const tag of matchRules(rules, pageTexts(page.html, news))) tags.add(tag);
  const tagIds = [...tags].sort((a, b) => a - b);
  const topicIds = new Set(topics.map((topic) => topic.tag_id));
  const image = news.image_hyperlink || ogImage(page.html, news.hyperlink);
  const indexKeys = newsPublishedIndexKeys(news.display_created_time, newsId);
  await table.update(
    newsKey(newsId),
    `SET #published = :published, #indexed = :one, indexed_at = :now, tags_index = :tags, has_topic_tags = :topic, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk${image ? ', image_hyperlink = :image' : ''}`,
    {
      names: { '#published': 'published', '#indexed': 'indexed' },
      values: {
        ':published': 'published',
        ':one': 1,
        ':now': new Date().toISOString(),
        ':tags': `,${tagIds.join(',')},`,
        ':topic': tagIds.some((id) => topicIds.has(id)) ? 1 : 0,
        ':gsi1pk': indexKeys.gsi1pk,
        ':gsi1sk': indexKeys.gsi1sk,
        ...(image ? { ':image': image } : {}),
      },
    },
  );
  await rebuildDisplayGroups(content);
}

/** The display groups and the highlights' news, from the newest published items. */
export async function rebuildDisplayGroups(known?: { topics: Topic[]; highlights: Highlight[] }): Promise<void> {
  const { topics, highlights } = known ?? (await newsContent());
  const published: NewsRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<NewsRecord>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': NEWS_PUBLISHED },
      ScanIndexForward: false,
      ExclusiveStartKey: startKey,
      Limit: DISPLAY_WINDOW,
    });
    published.push(...page.items);
    startKey = published.length < DISPLAY_WINDOW ? page.lastKey : undefined;
  } while (startKey);
  await table.put({
    ...newsDisplayKey(),
    groups: buildDisplayGroups(topics, published),
    highlights: prepareHighlights(highlights, published),
    rebuilt_at: new Date().toISOString(),
  });
}

/** Each valid highlight with its tag's title and the latest news of its tag (none: it highlights nothing). */
function prepareHighlights(highlights: Highlight[], published: NewsRecord[]): PreparedHighlight[] {
  const prepared: PreparedHighlight[] = [];
  for (const highlight of highlights) {
    const source = highlightSource(highlight);
    const news = published
      .filter((item) => item.tags_index.includes(`,${highlight.tag_id},`))
      .slice(0, HIGHLIGHT_NEWS)
      .map(({ id, title, hyperlink, fonte }) => ({ id, title, hyperlink, fonte }));
    if (source && news.length)
      prepared.push({ id: highlight.id, tag_id: highlight.tag_id, header: TAGS.find((tag) => tag.id === highlight.tag_id)?.title ?? '', source, news });
  }
  return prepared;
}

export const handler = queueConsumer(z.object({ newsId: z.number() }), async (job) => indexNews(job.newsId));
