/**
 * `GET /timeline` as the original answered it: a page of posts (or of one
 * post's comments, or of her own tweets), each with its latest comment, who
 * wrote it as the viewer may see it, and her like; news groups interleaved
 * every three tweets; `has_more`, `order_by` and a signed `next_page` token.
 *
 * Pages come from Query on time-ordered keys (the timeline index, a post's
 * comments, her own partition), never a Scan; what the viewer may not see
 * (tweets of people she blocked, hidden ones, authors no longer active) is
 * dropped after reading, reading on until the page is full.
 */
import * as table from '#shared/db/table';
import { batchGet } from '#shared/db/batch';
import { decodeCursor, encodeCursor } from '#shared/db/pagination';
import { loadConfig } from '#shared/config';
import * as z from 'zod/mini';
import { moduleCodes } from '../accounts/me-view.ts';
import type { UserRecord } from '../accounts/users.ts';
import type { BadgeKind } from '../badges/badges.ts';
import { heldKinds, postBadges, type ShownBadge } from '../badges/shown-badges.ts';
import { badRequest, itemNotFound } from '../errors.ts';
import { TIMELINE_INDEX_PK, ownerPartition, repliesIndexPk, tweetKey, tweetLikeKey, userKey, USER_TWEET_PREFIX } from '../keys.ts';
import { addNews, loadDisplay, type NewsPageState, type TimelineItem } from '../news/display.ts';
import { applyHighlights, type RelatedNewsItem } from './highlights.ts';
import { loadLinkSalts, mediaUrl, trackedNewsUrl } from './links.ts';
import { renderTweetText } from './tweet-text.ts';
import { isTweetId, MAX_TWEET_DEPTH, type TweetRecord } from './tweets.ts';

const avatarConfig = z.object({
  AVATAR_PADRAO_URL: z._default(z.string(), 'https://api.penhas.com.br/avatar/padrao.svg'),
  AVATAR_ANONIMO_URL: z._default(z.string(), 'https://api.penhas.com.br/avatar/anonimo.svg'),
  AVATAR_PENHAS_URL: z._default(z.string(), 'https://api.penhas.com.br/avatar/penhas_avatar.svg'),
});

export type Category = 'all' | 'only_news' | 'only_tweets' | 'all_myself';

export interface ListOptions {
  rows?: number;
  after?: string;
  before?: string;
  parent_id?: string;
  id?: string;
  /** Tag ids, comma-separated. */
  tags?: string;
  category?: Category;
  next_page?: string;
}

export interface Viewer {
  user: UserRecord;
  /** The app's User-Agent (`Android 14/samsung SM-A546E/3.6.0`): versions before 3.6.0 get a notice to update. */
  userAgent?: string;
  /** The address the request came from: media links are bound to it. */
  ip: string;
  /** The API's public base URL, ending in `/`. */
  base: string;
}

export interface TweetView {
  type: 'tweet';
  id: string;
  content: string;
  anonimo: 0 | 1;
  cliente_id: number;
  name: string;
  icon: string;
  created_at: string;
  qtde_likes: number;
  qtde_comentarios: number;
  media: Array<{ sd: string; hd: string }>;
  badges: unknown[];
  meta: { owner: 0 | 1; can_reply: 0 | 1; parent_id: string | null; liked: 0 | 1; tweet_depth_test_only?: number };
  last_reply?: TweetView | null;
}

export interface TimelinePage {
  tweets: Array<TweetView | TimelineItem | RelatedNewsItem>;
  has_more: 0 | 1;
  order_by: 'latest_first' | 'oldest_first';
  category: string;
  next_page?: string;
  parent?: TweetView;
}

type Author = Pick<UserRecord, 'id' | 'status' | 'apelido' | 'avatar_url' | 'modo_anonimo_ativo' | 'cep_cidade'>;

/** The next_page token is bound to this scope, so no other cursor of the service passes for one. */
const NEXT_PAGE_SCOPE = { KeyConditionExpression: 'timeline next_page' };
const FIRST_BEFORE = '000000T0000000000';
/** Past this many reads a short page is answered (has_more stays on), so a viewer who blocked many cannot make a request unbounded. */
const MAX_ROUNDS = 10;

interface NextPage extends NewsPageState {
  iss: 'next_page';
  tags: string;
  before: string;
}

/** The newest-first (or with `after` oldest-first) source of candidate tweets. */
interface Source {
  /** The next batch of tweet ids, or undefined when exhausted. */
  next(limit: number): Promise<string[] | undefined>;
}

function querySource(partition: { index: boolean; pk: string; prefix?: string }, after: string, before: string): Source {
  let startKey: Record<string, unknown> | undefined;
  let done = false;
  const keyName = partition.index ? 'gsi1sk' : 'sk';
  const prefix = partition.prefix ?? '';
  // One range condition on the sort key: the prefix's span narrowed by after/before (their own ids are filtered out below).
  const low = after ? prefix + after : prefix || undefined;
  const high = before ? prefix + before : prefix ? `${prefix}\uffff` : undefined;
  const values: Record<string, unknown> = { ':pk': partition.pk };
  let range = '';
  if (low !== undefined && high !== undefined) {
    range = ` AND ${keyName} BETWEEN :low AND :high`;
    Object.assign(values, { ':low': low, ':high': high });
  } else if (low !== undefined) {
    range = ` AND ${keyName} > :low`;
    values[':low'] = low;
  } else if (high !== undefined) {
    range = ` AND ${keyName} < :high`;
    values[':high'] = high;
  }
  const ascending = Boolean(after);
  return {
    async next(limit) {
      if (done) return undefined;
      const page = await table.query<Record<string, string>>({
        ...(partition.index ? { IndexName: 'gsi1' } : {}),
        KeyConditionExpression: `${partition.index ? 'gsi1pk' : 'pk'} = :pk${range}`,
        ExpressionAttributeValues: values,
        ScanIndexForward: ascending,
        Limit: limit,
        ExclusiveStartKey: startKey,
      });
      startKey = page.lastKey;
      done = !startKey;
      return page.items.map((item) => item[keyName].slice(prefix.length)).filter((id) => (!after || id > after) && (!before || id < before));
    },
  };
}

function singleSource(id: string): Source {
  let done = false;
  return {
    async next() {
      if (done) return undefined;
      done = true;
      return [id];
    },
  };
}

const emptySource: Source = { next: async () => undefined };

/** Whom she blocked: their tweets are hidden from her (unless posted anonymously). */
async function blockedBy(userId: number): Promise<Set<number>> {
  const blocked = new Set<number>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<{ sk: string }>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :block)',
      ExpressionAttributeValues: { ':pk': ownerPartition(userId), ':block': 'BLOCK#' },
      ProjectionExpression: 'sk',
      ExclusiveStartKey: startKey,
    });
    for (const item of page.items) blocked.add(Number(item.sk.slice('BLOCK#'.length)));
    startKey = page.lastKey;
  } while (startKey);
  return blocked;
}

class Reader {
  private readonly authors = new Map<number, Author | undefined>();
  /** The badge kinds each author (and the viewer) holds now. */
  private readonly kinds = new Map<number, BadgeKind[]>();

  constructor(
    private readonly viewer: UserRecord,
    private readonly blocked: Set<number>,
  ) {}

  /** The tweets (in the order asked) the viewer may see. */
  async visible(ids: string[], options: { consistent?: boolean } = {}): Promise<TweetRecord[]> {
    if (ids.length === 0) return [];
    const tweets = (await batchGet<TweetRecord & Record<string, unknown>>(ids.map(tweetKey), { consistentRead: options.consistent })).filter(
      (tweet): tweet is TweetRecord & Record<string, unknown> => tweet?.status === 'published',
    );
    await this.loadAuthors(tweets.map((tweet) => tweet.cliente_id));
    const isAdmin = this.viewer.eh_admin === 1;
    return tweets.filter(
      (tweet) =>
        this.authors.get(tweet.cliente_id)?.status === 'active' &&
        (isAdmin || !tweet.escondido || tweet.cliente_id === this.viewer.id) &&
        (tweet.anonimo === 1 || !this.blocked.has(tweet.cliente_id)),
    );
  }

  author(id: number): Author | undefined {
    return this.authors.get(id);
  }

  /** The badges the viewer sees on this tweet (badges/shown-badges.ts). */
  badges(tweet: TweetRecord, anonymous: boolean): ShownBadge[] {
    const author = this.authors.get(tweet.cliente_id);
    const viewer = { id: this.viewer.id, cep_cidade: this.viewer.cep_cidade, kinds: [] };
    return postBadges(viewer, { id: tweet.cliente_id, cep_cidade: author?.cep_cidade, kinds: this.kinds.get(tweet.cliente_id) ?? [] }, anonymous);
  }

  private async loadAuthors(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.authors.has(id));
    if (missing.length === 0) return;
    const [found, kinds] = await Promise.all([
      batchGet<Author & Record<string, unknown>>(missing.map(userKey), {
        attributes: ['id', 'status', 'apelido', 'avatar_url', 'modo_anonimo_ativo', 'cep_cidade'],
      }),
      heldKinds(missing),
    ]);
    for (const [i, id] of missing.entries()) {
      this.authors.set(id, found[i]);
      this.kinds.set(id, kinds.get(id) ?? []);
    }
  }
}

/** Parses the app's `next_page` token: `form_error` (message `next_page`, as the original's) unless this service signed it. */
function readNextPage(token: string): NextPage {
  try {
    const state = decodeCursor(NEXT_PAGE_SCOPE, token, 'next_page') as unknown as NextPage;
    if (state.iss === 'next_page') return state;
  } catch {
    // an unsigned or altered token is the same mistake as a malformed one
  }
  throw badRequest('form_error', 'next_page');
}

export async function listTimeline(viewer: Viewer, options: ListOptions): Promise<TimelinePage> {
  await loadLinkSalts();
  const user = viewer.user;
  let rows = options.rows ?? 10;
  if (rows > 100 || rows < 1) rows = 10;
  const modules = moduleCodes(user);
  let category: Category | 'all_but_news' = options.category ?? 'all';
  if ((category === 'all_myself' || category === 'only_tweets') && !modules.includes('tweets')) {
    throw badRequest('form_error', 'sua conta não tem permissão para utilizar esse filtro.');
  }
  if (category === 'all' && !modules.includes('tweets')) category = 'all_but_news';

  const tags = options.tags ?? '';
  let before = options.before ?? '';
  const after = options.after ?? '';
  const parentId = options.parent_id ?? '';
  const id = options.id ?? '';
  let newsState: NewsPageState = {};
  if (options.next_page !== undefined) {
    const next = readNextPage(options.next_page);
    const refuse = (what: string) => badRequest('form_error', `uso do ${what} com next_page é vedado`);
    if (parentId) throw refuse('parent_id');
    if (after) throw refuse('after');
    if (before) throw refuse('before');
    if (id) throw refuse('id');
    if (tags !== next.tags)
      throw badRequest('form_error', 'não pode trocar de tags durante uso do next_page', 'não pode trocar de tags durante uso do next_page');
    before = next.before;
    newsState = { vitrine_order: next.vitrine_order, news_added: next.news_added };
  }

  const blocked = await blockedBy(user.id);
  const reader = new Reader(user, blocked);
  let source: Source;
  if (category === 'only_news' || category === 'all_but_news') source = emptySource;
  else if (id) source = isTweetId(id) ? singleSource(id) : emptySource;
  else if (parentId) source = querySource({ index: true, pk: repliesIndexPk(parentId) }, after, before);
  else if (category === 'all_myself') source = querySource({ index: false, pk: ownerPartition(user.id), prefix: USER_TWEET_PREFIX }, after, before);
  else source = querySource({ index: true, pk: TIMELINE_INDEX_PK }, after, before);

  const wanted = tags ? new Set(tags.split(',')) : undefined;
  const found: TweetRecord[] = [];
  let exhausted = false;
  for (let round = 0; found.length <= rows; round++) {
    if (round === MAX_ROUNDS) break;
    // With blocked authors some reads are hidden: reading twice the need spares most second round trips.
    const need = rows + 1 - found.length;
    const ids = await source.next(blocked.size && !id ? Math.min(200, need * 2) : need + (round === 0 ? 0 : 10));
    if (ids === undefined) {
      exhausted = true;
      break;
    }
    const tweets = await reader.visible(ids, { consistent: Boolean(id) });
    for (const tweet of tweets) {
      if (wanted && !tweet.tags_index.split(',').some((tag) => wanted.has(tag))) continue;
      found.push(tweet);
    }
  }
  const hasMore = found.length > rows || !exhausted;
  const page = found.slice(0, rows);

  const replyIds = parentId ? [] : page.map((tweet) => tweet.ultimo_comentario_id).filter((reply): reply is string => Boolean(reply));
  const replies = new Map((await reader.visible(replyIds)).map((reply) => [reply.id, reply]));
  const liked = await likedBy(user.id, [...page.map((tweet) => tweet.id), ...replies.keys()]);
  const view = (tweet: TweetRecord) =>
    formatTweet(viewer, tweet, reader.author(tweet.cliente_id), liked.has(tweet.id), (anonymous) => reader.badges(tweet, anonymous));
  const views = page.map((tweet) => {
    const reply = tweet.ultimo_comentario_id ? replies.get(tweet.ultimo_comentario_id) : undefined;
    return { ...view(tweet), last_reply: reply ? view(reply) : null };
  });
  const addsNews = !parentId && !after && !id && (category === 'all' || category === 'only_news' || category === 'all_but_news');
  const plainNews = Boolean(tags) || category === 'only_news';
  const display = views.length || (addsNews && !plainNews) ? ((await loadDisplay()) ?? null) : undefined;
  const tweets: Array<TweetView | TimelineItem | RelatedNewsItem> = applyHighlights(views, display?.highlights ?? [], (news) =>
    trackedNewsUrl(viewer.base, user.id, news.id, news.hyperlink),
  );

  let hasMoreFlag: 0 | 1 = hasMore ? 1 : 0;
  let nextPage: string | undefined;
  if (!parentId && !after && !id) {
    const state: NextPage = { tags, before: page.length ? page[page.length - 1].id : FIRST_BEFORE, iss: 'next_page' };
    if (addsNews) {
      const news = await addNews(tweets, { display, viewerId: user.id, base: viewer.base, plainNews, tags, state: newsState });
      Object.assign(state, news.state);
      if (news.hasMore) hasMoreFlag = 1;
    }
    nextPage = encodeCursor(NEXT_PAGE_SCOPE, state as unknown as Record<string, unknown>);
  }

  let parent: TweetView | undefined;
  if (parentId) {
    const [found] = isTweetId(parentId) ? await reader.visible([parentId]) : [];
    if (!found) throw itemNotFound();
    parent = {
      ...formatTweet(viewer, found, reader.author(found.cliente_id), (await likedBy(user.id, [found.id])).has(found.id), (anonymous) =>
        reader.badges(found, anonymous),
      ),
      last_reply: null,
    };
  }

  const isFirstPage = !parentId && !after && !options.before && !id && options.next_page === undefined;
  const legacy = legacyApp(viewer.userAgent);
  if (isFirstPage && legacy && tweets[0]?.type === 'tweet') tweets.unshift(updateNotice(user, tweets[0].id, legacy));

  return {
    tweets,
    has_more: hasMoreFlag,
    order_by: after ? 'oldest_first' : 'latest_first',
    category: category === 'all_but_news' ? 'all' : category,
    ...(nextPage ? { next_page: nextPage } : {}),
    ...(parent ? { parent } : {}),
  };
}

/** One tweet as the timeline shows it to this viewer (after a like, a comment, a post). */
export async function viewTweet(viewer: Viewer, tweetId: string): Promise<TweetView> {
  await loadLinkSalts();
  const reader = new Reader(viewer.user, new Set());
  const [tweet] = await reader.visible([tweetId], { consistent: true });
  if (!tweet) throw itemNotFound();
  const liked = await likedBy(viewer.user.id, [tweet.id], true);
  return formatTweet(viewer, tweet, reader.author(tweet.cliente_id), liked.has(tweet.id), (anonymous) => reader.badges(tweet, anonymous));
}

async function likedBy(userId: number, tweetIds: string[], consistent = false): Promise<Set<string>> {
  const likes = await batchGet(
    tweetIds.map((tweetId) => tweetLikeKey(tweetId, userId)),
    { consistentRead: consistent, attributes: ['pk'] },
  );
  return new Set(tweetIds.filter((_, i) => likes[i] !== undefined));
}

/** `2020-12-02T03:09:37` (no zone, no fraction), as the original printed Postgres timestamps. */
const isoSecond = (iso: string): string => iso.slice(0, 19);

function formatTweet(viewer: Viewer, tweet: TweetRecord, author: Author | undefined, liked: boolean, badges: (anonymous: boolean) => ShownBadge[]): TweetView {
  const config = loadConfig(avatarConfig);
  const isAdmin = viewer.user.eh_admin === 1;
  const anonymous = Boolean(tweet.anonimo || author?.modo_anonimo_ativo);
  const isOwner = viewer.user.id === tweet.cliente_id;
  const apelido = author?.apelido ?? '';
  return {
    type: 'tweet',
    id: tweet.id,
    content: renderTweetText(tweet.content, isOwner),
    anonimo: anonymous && !isAdmin ? 1 : 0,
    cliente_id: anonymous && !isAdmin ? 0 : tweet.cliente_id,
    name: anonymous ? (isAdmin ? `${apelido} (Anônimo) ID ${tweet.cliente_id}` : 'Anônimo') : apelido,
    icon: anonymous ? config.AVATAR_ANONIMO_URL : author?.avatar_url || config.AVATAR_PADRAO_URL,
    created_at: isoSecond(tweet.created_at),
    qtde_likes: tweet.qtde_likes,
    qtde_comentarios: tweet.qtde_comentarios,
    media: (tweet.media_ids ?? []).map((mediaId) => ({
      sd: mediaUrl(viewer.base, mediaId, viewer.user.id, 'sd', viewer.ip),
      hd: mediaUrl(viewer.base, mediaId, viewer.user.id, 'hd', viewer.ip),
    })),
    badges: badges(anonymous),
    meta: {
      owner: isOwner ? 1 : 0,
      can_reply: tweet.tweet_depth < MAX_TWEET_DEPTH && tweet.tweet_depth > 0 ? 1 : 0,
      parent_id: tweet.parent_id,
      liked: liked ? 1 : 0,
      tweet_depth_test_only: tweet.tweet_depth,
    },
  };
}

/** The app's platform when its version is older than 3.6.0 (the User-Agent `<OS> <os version>/<model>/<app version>`). */
export function legacyApp(userAgent: string | undefined): 'Android' | 'iOS' | undefined {
  const match = /((Android|iOS)\s[^/]+\/[^/"]+\/([^/"]+))/.exec(userAgent ?? '');
  if (!match) return undefined;
  const [major, minor, patch] = match[3].split('.').map((part) => Number.parseInt(part, 10) || 0);
  const version = (major ?? 0) * 1_000_000_000 + (minor ?? 0) * 1_000_000 + (patch ?? 0);
  return version && version < 3_006_000_000 ? (match[2] as 'Android' | 'iOS') : undefined;
}

const STORE = {
  Android: { logo: 'https://azmina.com.br/wp-content/uploads/2019/02/Logo_Google.png', link: 'https://play.google.com/store/apps/details?id=penhas.com.br' },
  iOS: { logo: 'https://azmina.com.br/wp-content/uploads/2019/02/Logo_Apple.png', link: 'https://apps.apple.com/br/app/penhas/id1441569466' },
};

/** The original's notice, at the top of an old app's timeline, asking her to update it. */
function updateNotice(user: UserRecord, tweetId: string, os: 'Android' | 'iOS'): TweetView {
  const { logo, link } = STORE[os];
  return {
    type: 'tweet',
    id: tweetId,
    created_at: '2099-01-01T01:01:01',
    meta: { liked: 0, owner: 0, can_reply: 0, parent_id: null },
    content: `Olá, ${user.apelido}.<br>
<br>
Recentemente lançamos uma nova ferramenta aqui no PenhaS chamada Manual de Fuga. Além disso, também melhoramos a navegação em nossas páginas. Para ter acesso às melhorias é importante que você atualize o app diretamente na sua loja - Play Store ou Apple Store.<br>
<br>
Um forte abraço!<br>
<br>
<div style="text-align:center">
<a href="${link}">
    <img width="300" height="93" src="${logo}">
</a>
</div>
`,
    qtde_likes: 0,
    qtde_comentarios: 0,
    media: [],
    badges: [],
    icon: loadConfig(avatarConfig).AVATAR_PENHAS_URL,
    cliente_id: 0,
    anonimo: 1,
    name: 'Atualização está disponível!',
  };
}
