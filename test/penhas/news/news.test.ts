/**
 * News (the original's 011-rss.t and the news part of the timeline): the
 * feeds' schedule fetches the seeded feeds from the RSS stand-in, the index
 * queue tags and publishes their items, the timeline shows them (news only,
 * by tag, and in groups after every third tweet), a failing feed waits 7 days,
 * and the links the timeline hands out (the tracked redirect, the image proxy)
 * are honoured only as signed.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { loadLinkSalts, newsHash, proxyHash } from '../../../functions/penhas/timeline/links.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

// Locally no salt is set: the service signs links with salts derived from its local session key, as these do.
beforeAll(async () => {
  process.env.SESSION_JWT_KEY = penhas.localEnvironment?.SESSION_JWT_KEY;
  await loadLinkSalts();
});

const HOUR = 3600_000;
const fireFeeds = async () => expect((await fetch(`${runtime.url}/_local/schedules/penhas/news-feeds`, { method: 'POST' })).status).toBeLessThan(300);
const feeds = async () => (await h.table.partition('NEWS_FEED')) as Array<Record<string, any>>;
const display = async () => (await h.table.partition('NEWS_DISPLAY'))[0] as { groups: Array<{ title: string; noticias: number[] }> } | undefined;
const timeline = (account: SeededAccount, query: Record<string, string | number> = {}) => h.app.get('/timeline', { apiKey: account.session, query });
const localPath = (url: string) => url.replace(/^.*?\/penhas\//, '/');

let indexed: Promise<void> | undefined;
/** The seeded feeds fetched once and their items indexed (display groups built). */
const newsIndexed = () =>
  (indexed ??= (async () => {
    await fireFeeds();
    await eventually(async () => ((await display())?.groups.length ?? 0) > 0, { what: 'display groups built', timeoutMs: 25_000 });
    await runtime.queues.drained('penhas-news-index');
  })());

describe('the feeds schedule (011-rss.t)', () => {
  it('fetches each due feed, due again in 3 hours, and publishes its items with their tags', async () => {
    const before = Date.now();
    await newsIndexed();
    const seeded = (await feeds()).filter((feed) => feed.id <= 3);
    expect(seeded).toHaveLength(3);
    for (const feed of seeded) {
      expect(feed.last_error_message).toBeUndefined();
      expect(Date.parse(feed.next_tick) - before).toBeGreaterThan(3 * HOUR - 60_000);
      expect(Date.parse(feed.next_tick) - Date.now()).toBeLessThanOrEqual(3 * HOUR);
    }
    const groups = (await display())!.groups;
    expect(groups[0].title).toBe('Violência doméstica');
    const [first] = await h.table.partition(`NEWS#${groups[0].noticias[0]}`);
    expect(first).toMatchObject({ published: 'published', indexed: 1, has_topic_tags: 1 });
    expect(String(first.tags_index)).toMatch(/,1,/);
    expect(String(first.image_hyperlink)).toMatch(/\/_local\/rss\/images\/.+\.png$/);
  });

  it('waits 7 days before trying a failing feed again', async () => {
    const url = 'https://feeds.example/fora-do-ar.xml';
    await h.table.put({ pk: 'NEWS_FEED', sk: 'FEED#000099', id: 99, url, fonte: 'Fora do ar', autocapitalize: 0, status: 'active', tags: [] });
    runtime.fakes.rss.fail(url);
    try {
      const before = Date.now();
      await fireFeeds();
      const failed = await eventually(async () => (await feeds()).find((feed) => feed.id === 99 && feed.last_error_message), { what: 'the failure recorded' });
      expect(Date.parse(failed.next_tick) - before).toBeGreaterThanOrEqual(7 * 24 * HOUR - 60_000);
      expect(Date.parse(failed.next_tick) - Date.now()).toBeLessThanOrEqual(7 * 24 * HOUR);
    } finally {
      runtime.fakes.rss.recover();
    }
    const asked = runtime.fakes.rss.fetched.filter((fetched) => fetched === url).length;
    await fireFeeds();
    expect(runtime.fakes.rss.fetched.filter((fetched) => fetched === url)).toHaveLength(asked);
  });

  it('capitalises the titles of a feed that asks for it, and takes RSS and Atom alike', async () => {
    const url = 'https://feeds.example/atom.xml';
    runtime.fakes.rss.setFeed(
      url,
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>TACHIAGARE. DARE MO SOBA NI INAKUTATTE &amp;amp; mais</title><link href="${runtime.fakes.rss.url}/pages/rede-de-apoio-como-montar?atom=1"/><updated>2024-05-01T10:00:00Z</updated></entry>
      </feed>`,
    );
    await h.table.put({ pk: 'NEWS_FEED', sk: 'FEED#000098', id: 98, url, fonte: 'Atom', autocapitalize: 1, status: 'active', tags: [] });
    await fireFeeds();
    const item = await eventually(async () => (await publishedNews()).find((news) => news.fonte === 'Atom'), { what: 'the Atom item published' });
    expect(item.title).toBe('Tachiagare. Dare mo Soba ni Inakutatte & Mais');
    expect(item.display_created_time).toBe('2024-05-01T10:00:00.000Z');
  });
});

/** The published items, newest first, as the index lists them. */
async function publishedNews(): Promise<Array<Record<string, any>>> {
  const page = await h.table.db.send(
    new QueryCommand({
      TableName: h.table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'NEWS_PUBLISHED' },
      ScanIndexForward: false,
    }),
  );
  return page.Items ?? [];
}

describe('news in the timeline', () => {
  it('shows only news with category=only_news, one item per group, with tracked links', async () => {
    await newsIndexed();
    const maria = await h.seedAccount();
    const page = (await timeline(maria, { category: 'only_news' })).body;
    expect(page.tweets.length).toBeGreaterThan(0);
    for (const item of page.tweets) {
      expect(item).toMatchObject({ type: 'news_group', header: null });
      expect(item.news).toHaveLength(1);
    }
    expect(page.tweets[0].news[0]).toEqual({
      id: expect.any(Number),
      href: expect.stringMatching(/\/news-redirect\?uid=\d+&nid=\d+&u=\d+&t=.{4}&h=[0-9a-f]{12}&url=/),
      title: expect.any(String),
      source: expect.any(String),
      date_str: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      image: expect.stringMatching(/\/get-proxy\?h=[0-9a-f]{12}&href=/),
    });
  });

  it('puts a topic group after every third tweet on the main timeline, and filters news by tag', async () => {
    await newsIndexed();
    const maria = await h.seedAccount();
    for (const n of [1, 2, 3]) await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: `content=post%20${n}` });
    const page = (await timeline(maria, { rows: 3 })).body;
    expect(page.tweets.slice(0, 4).map((item: { type: string }) => item.type)).toEqual(['tweet', 'tweet', 'tweet', 'news_group']);
    expect(page.tweets[3].header).toBe('Violência doméstica');
    expect(page.next_page).toEqual(expect.any(String));
    const next = (await timeline(maria, { next_page: page.next_page })).body;
    const shown = new Set(page.tweets.filter((item: { type: string }) => item.type === 'news_group').flatMap((group: any) => group.news.map((n: any) => n.id)));
    for (const group of next.tweets.filter((item: { type: string }) => item.type === 'news_group'))
      for (const news of group.news) expect(shown.has(news.id)).toBe(false);

    const byTag = (await timeline(maria, { tags: '5' })).body;
    expect(byTag.tweets.length).toBeGreaterThan(0);
    expect(byTag.tweets.every((item: { type: string }) => item.type === 'news_group')).toBe(true);
    const ids = byTag.tweets.flatMap((group: any) => group.news.map((n: any) => n.id));
    for (const id of ids) expect(String((await h.table.partition(`NEWS#${id}`)).find((i) => i.sk === 'NEWS')?.tags_index)).toMatch(/,5,/);
  });
});

describe('highlighted words', () => {
  it('colour the words of a tweet and follow it with related news of their tags (add_tweets_highlights)', async () => {
    await newsIndexed();
    const maria = await h.seedAccount();
    const reply = await h.app.post('/me/tweets', {
      apiKey: maria.session,
      rawBody: `content=${encodeURIComponent('pedi medidas protetivas e comecei terapia; notmaria da penhax fica')}`,
    });
    const page = (await timeline(maria, { id: reply.body.id })).body;
    expect(page.tweets[0].content).toBe(
      'pedi <span style="color: #f982b4">medidas protetivas</span> e comecei <span style="color: #f982b4">terapia</span>; notmaria da penhax fica',
    );
    expect(page.tweets[1]).toMatchObject({ type: 'related_news', header: 'Violência doméstica e Saúde mental' });
    expect(page.tweets[1].news).toHaveLength(2);
    expect(page.tweets[1].news[0].href).toMatch(/\/news-redirect\?/);
    const plain = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: 'content=keep%20as%20it%20is' });
    expect((await timeline(maria, { id: plain.body.id })).body.tweets).toHaveLength(1);
    // The tags its words are highlighted for are the tweet's: the tags filter finds it.
    const byTag = (await timeline(maria, { tags: '5', category: 'only_tweets', rows: 100 })).body.tweets.map((t: { id: string }) => t.id);
    expect(byTag).toContain(reply.body.id);
    expect(byTag).not.toContain(plain.body.id);
  });
});

describe('GET /news-redirect', () => {
  it('records the opening and redirects to the item; refuses links it did not sign', async () => {
    await newsIndexed();
    const maria = await h.seedAccount();
    const news = (await timeline(maria, { category: 'only_news' })).body.tweets[0].news[0];
    const reply = await h.app.get(localPath(news.href), { ip: freshIp() });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toMatch(/\/_local\/rss\/pages\//);
    const opened = (await h.table.partition(`NEWS#${news.id}`)).filter((item) => String(item.sk).startsWith('OPENED#'));
    expect(opened).toEqual([expect.objectContaining({ cliente_id: maria.id, noticias_id: news.id })]);

    const forged = await h.app.get(localPath(news.href).replace(/url=[^&]*/, 'url=https%3A%2F%2Fexample.com'), { ip: freshIp() });
    expect([forged.status, forged.body.error]).toEqual([400, 'hash_invalid']);
    const missing = await h.app.get('/news-redirect', { query: { uid: '1' }, ip: freshIp() });
    expect([missing.status, missing.body.error]).toEqual([400, 'form_error']);
  });

  it('follows a signed link past its tracking hour without recording the opening', async () => {
    const parts = { uid: '7', nid: '987654', u: String(Math.floor(Date.now() / 1000) - 60), t: 'abcd', url: 'https://example.com/noticia?x=1' };
    const reply = await h.app.get('/news-redirect', { query: { ...parts, h: newsHash(parts) }, ip: freshIp() });
    expect([reply.status, reply.headers.location]).toEqual([302, parts.url]);
    expect(await h.table.partition(`NEWS#${parts.nid}`)).toEqual([]);
  });

  it('allows 3 requests in 10 seconds from one address', async () => {
    const parts = { uid: '7', nid: '987655', u: String(Math.floor(Date.now() / 1000) + 3600), t: 'efgh', url: 'https://example.com/outra' };
    const query = { ...parts, h: newsHash(parts) };
    // The limit counts per 10-second window: a run that crosses into the next window is run again.
    for (let attempt = 1; ; attempt++) {
      const ip = freshIp();
      const window = Math.floor(Date.now() / 10_000);
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await h.app.get('/news-redirect', { query, ip }));
      if (Math.floor(Date.now() / 10_000) !== window && attempt < 5) continue;
      expect(replies.map((r) => r.status)).toEqual([302, 302, 302, 429]);
      expect(replies[3].body.error).toBe('too_many_requests');
      return;
    }
  });
});

describe('GET /get-proxy', () => {
  it('serves a news image through the API, only for a signed href', async () => {
    await newsIndexed();
    const maria = await h.seedAccount();
    const news = (await timeline(maria, { category: 'only_news' })).body.tweets[0].news[0];
    const image = await h.app.get(localPath(news.image));
    expect([image.status, image.headers['content-type'], image.headers['cache-control']]).toEqual([200, 'image/png', 'max-age=2592000, must-revalidate']);
    expect(image.bytes.subarray(1, 4).toString()).toBe('PNG');
    const forged = await h.app.get(localPath(news.image).replace(/h=[0-9a-f]{12}/, 'h=000000000000'));
    expect([forged.status, forged.body.error]).toEqual([400, 'media_hash_invalid']);
  });

  it('answers a placeholder, kept an hour, when the source fails', async () => {
    const href = `${runtime.url}/_local/rss/images/no-such-image.jpg`;
    const reply = await h.app.get('/get-proxy', { query: { href, h: proxyHash(href) } });
    expect([reply.status, reply.headers['content-type'], reply.headers['cache-control']]).toEqual([200, 'image/png', 'max-age=3600, must-revalidate']);
    expect(reply.bytes.subarray(1, 4).toString()).toBe('PNG');
  });
});
