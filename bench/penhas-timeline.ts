/**
 * PenhaS's timeline at 10,000 tweets through the local gateway: `GET /timeline`
 * as the app asks for it (first page, then `next_page` pages, and a post's
 * comments), its latency and the DynamoDB operations per request. The tweets
 * (a fifth of the posts with a comment) are written straight into the table;
 * the viewer has blocked some authors, so pages are read past hidden tweets;
 * news groups come from the sample feeds, fetched and indexed first.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import penhas from '../functions/penhas/service.ts';
import { blockKey, tweetIndexKeys, tweetKey, userTweetKey } from '../functions/penhas/keys.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { penhasHarness, type SeededAccount } from '../test/penhas/app-client.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export interface TimelineBench {
  tweets: number;
  requests: number;
  firstPageP50Ms: number;
  firstPageP99Ms: number;
  nextPageP50Ms: number;
  nextPageP99Ms: number;
  commentsP50Ms: number;
  firstPageOperations: string;
  nextPageOperations: string;
  commentsOperations: string;
}

const two = (n: number) => String(n).padStart(2, '0');
/** The tweet id of a moment, made unique by its sequence digits. */
function tweetIdAt(date: Date, sequence: number): string {
  return `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}T${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}${String(sequence % 10_000).padStart(4, '0')}`;
}

export async function benchPenhasTimeline(options: { tweets?: number; pages?: number } = {}): Promise<TimelineBench> {
  const total = options.tweets ?? 10_000;
  const pages = options.pages ?? 40;
  const runtime = await startRuntime({ services: [penhas], environment: { DB_OP_COUNT_HEADER: 'true' }, log: () => undefined });
  const h = penhasHarness(runtime);
  try {
    const authors: SeededAccount[] = [];
    for (let i = 0; i < 20; i++) authors.push(await h.seedAccount({ apelido: `Autora ${i}` }));
    const viewers: SeededAccount[] = [];
    for (let i = 0; i < 4; i++) viewers.push(await h.seedAccount({ apelido: `Leitora ${i}` }));

    const items: Record<string, unknown>[] = [];
    const start = Date.now() - total * 60_000;
    let posts = 0;
    let written = 0;
    const postIds: string[] = [];
    for (let i = 0; written < total; i++) {
      const author = authors[i % authors.length];
      const id = tweetIdAt(new Date(start + i * 60_000), i);
      const withComment = posts % 5 === 0 && written + 2 <= total;
      posts++;
      written += withComment ? 2 : 1;
      const base = {
        status: 'published',
        qtde_likes: i % 7,
        qtde_reportado: 0,
        escondido: 0,
        tags_index: ',,',
        media_ids: null,
        anonimo: i % 11 === 0 ? 1 : 0,
      };
      const commentId = withComment ? tweetIdAt(new Date(start + i * 60_000 + 30_000), i + 5000) : null;
      items.push({
        ...tweetKey(id),
        ...tweetIndexKeys(id, null),
        ...base,
        id,
        cliente_id: author.id,
        content: `Publicação ${i}: hoje consegui conversar com alguém sobre o que vivi.`,
        parent_id: null,
        tweet_depth: 1,
        created_at: new Date(start + i * 60_000).toISOString(),
        qtde_comentarios: withComment ? 1 : 0,
        ultimo_comentario_id: commentId,
      });
      items.push({ ...userTweetKey(author.id, id), tweetId: id, refs: [tweetKey(id)] });
      postIds.push(id);
      if (commentId) {
        const commenter = authors[(i + 3) % authors.length];
        items.push({
          ...tweetKey(commentId),
          ...tweetIndexKeys(commentId, id),
          ...base,
          id: commentId,
          cliente_id: commenter.id,
          content: 'Força! Estamos com você.',
          parent_id: id,
          tweet_depth: 2,
          created_at: new Date(start + i * 60_000 + 30_000).toISOString(),
          qtde_comentarios: 0,
          ultimo_comentario_id: null,
        });
      }
    }
    for (const viewer of viewers) for (const blocked of authors.slice(0, 3)) items.push({ ...blockKey(viewer.id, blocked.id), cliente_id: blocked.id });
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let c = worker; c < chunks.length; c += 8) {
          let pending = chunks[c].map((Item) => ({ PutRequest: { Item } }));
          while (pending.length) {
            const output = await h.table.db.send(new BatchWriteCommand({ RequestItems: { [h.table.name]: pending } }));
            pending = (output.UnprocessedItems?.[h.table.name] ?? []) as typeof pending;
          }
        }
      }),
    );

    await fetch(`${runtime.url}/_local/schedules/penhas/news-feeds`, { method: 'POST' });
    for (let waited = 0; waited < 30_000 && !(await h.table.partition('NEWS_DISPLAY')).length; waited += 200) await new Promise((r) => setTimeout(r, 200));

    const firstMs: number[] = [];
    const nextMs: number[] = [];
    const commentsMs: number[] = [];
    let firstOps = '';
    let nextOps = '';
    let commentsOps = '';
    const ops = (reply: { headers: Record<string, unknown> }) => `${reply.headers['x-db-operations']} (${reply.headers['x-db-operations-by-command']})`;
    // Each viewer stays under the 120 requests a minute per account; the first round per viewer warms the functions up.
    const warmups = viewers.length;
    for (let round = 0; round < pages + warmups; round++) {
      const viewer = viewers[round % viewers.length];
      if (round === warmups) for (const list of [firstMs, nextMs, commentsMs]) list.length = 0;
      let started = performance.now();
      const first = await h.app.get('/timeline', { apiKey: viewer.session, query: { rows: 10 } });
      firstMs.push(performance.now() - started);
      if (first.status !== 200) throw new Error(`GET /timeline answered ${first.status}: ${first.text}`);
      firstOps = ops(first);
      let token = first.body.next_page as string;
      for (let page = 0; page < 3; page++) {
        started = performance.now();
        const next = await h.app.get('/timeline', { apiKey: viewer.session, query: { next_page: token } });
        nextMs.push(performance.now() - started);
        nextOps = ops(next);
        token = next.body.next_page;
      }
      started = performance.now();
      const comments = await h.app.get('/timeline', { apiKey: viewer.session, query: { parent_id: postIds[postIds.length - 1 - (round % 50) * 5], rows: 10 } });
      commentsMs.push(performance.now() - started);
      commentsOps = ops(comments);
    }
    return {
      tweets: total,
      requests: firstMs.length + nextMs.length + commentsMs.length,
      firstPageP50Ms: percentile(firstMs, 50),
      firstPageP99Ms: percentile(firstMs, 99),
      nextPageP50Ms: percentile(nextMs, 50),
      nextPageP99Ms: percentile(nextMs, 99),
      commentsP50Ms: percentile(commentsMs, 50),
      firstPageOperations: firstOps,
      nextPageOperations: nextOps,
      commentsOperations: commentsOps,
    };
  } finally {
    h.table.close();
    await runtime.stop();
  }
}
