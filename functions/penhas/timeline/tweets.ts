/**
 * Tweets as stored, and what changes them: posting (a post or a comment, at
 * most three levels deep), deleting one's own, liking (idempotent) and
 * reporting. A tweet lives in its own partition (`TWEET#<id>`, with its likes),
 * is listed on the timeline index while published, and is referenced from its
 * author's partition so her tweets can be listed and deleted with her account.
 *
 * Ids are the original's: `YYMMDDTHHMMSS` and four digits of a sequence, so
 * string order is time order and the app's `after`/`before` keep working.
 */
import * as table from '#shared/db/table';
import { batchGet } from '#shared/db/batch';
import { nextValue } from '#shared/db/counters';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { badRequest, itemNotFound } from '../errors.ts';
import {
  mediaKey,
  repliesIndexPk,
  sequenceKey,
  tweetIndexKeys,
  tweetKey,
  tweetLikeKey,
  tweetReportKey,
  userTweetKey,
  userKey,
  userTweetLikeKey,
} from '../keys.ts';
import { moduleCodes } from '../accounts/me-view.ts';
import type { UserRecord } from '../accounts/users.ts';
import { loadDisplay } from '../news/display.ts';
import { highlightTags } from './highlights.ts';

export interface TweetRecord {
  pk: string;
  sk: string;
  id: string;
  cliente_id: number;
  content: string;
  /** Posted in anonymous mode: shown without name or avatar. */
  anonimo: 0 | 1;
  /** The tweet it answers (the original's `parent_id`), null for a post. */
  parent_id: string | null;
  /** 1 for a post, 2 for a comment, 3 for a comment on a comment. */
  tweet_depth: number;
  status: 'published' | 'deleted';
  /** ISO timestamp. */
  created_at: string;
  media_ids: string[] | null;
  qtde_likes: number;
  qtde_comentarios: number;
  qtde_reportado: number;
  /** The latest published comment, shown under the post on the timeline. */
  ultimo_comentario_id: string | null;
  /** Hidden by moderation: only its author still sees it. */
  escondido: 0 | 1;
  /** Comma-wrapped ids of the tags its words are highlighted for when posted (`,3,7,`), matched by the `tags` filter. */
  tags_index: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

/** The deepest level a comment may be posted at (a comment on a comment on a post). */
export const MAX_TWEET_DEPTH = 3;
const TWEET_ID = /^[0-9]{6}T[0-9]{10}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isTweetId = (value: string): boolean => TWEET_ID.test(value);

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A new tweet id: the UTC second it was posted and a sequence's last four digits. */
export async function newTweetId(now = new Date()): Promise<string> {
  const base = `${twoDigits(now.getUTCFullYear() % 100)}${twoDigits(now.getUTCMonth() + 1)}${twoDigits(now.getUTCDate())}T${twoDigits(now.getUTCHours())}${twoDigits(now.getUTCMinutes())}${twoDigits(now.getUTCSeconds())}`;
  const sequence = await nextValue(sequenceKey('tweet'));
  return `${base}${String(sequence % 10_000).padStart(4, '0')}`;
}

export const findTweet = (tweetId: string, consistent = false): Promise<TweetRecord | undefined> =>
  isTweetId(tweetId) ? table.get<TweetRecord>(tweetKey(tweetId), { consistent }) : Promise.resolve(undefined);

export const tweetNotFound = (): AppError => badRequest('tweet_not_found', 'Não foi possível encontrar a postagem.');

/** The media ids of a post (`a,b`): each an id of an upload of hers. */
async function checkMedia(userId: number, mediaIds: string | undefined): Promise<string[] | null> {
  if (!mediaIds) return null;
  const ids = mediaIds.split(',');
  if (ids.some((id) => !UUID_V4.test(id))) throw badRequest('media_id', 'invalid uuid v4');
  const uploads = await batchGet<{ cliente_id: number }>(ids.map(mediaKey), { attributes: ['cliente_id'] });
  if (uploads.some((upload) => upload?.cliente_id !== userId)) throw badRequest('media_id', 'media_id not found');
  return ids;
}

export interface NewTweet {
  author: UserRecord;
  content: string;
  mediaIds?: string;
  /** The tweet answered, already checked to be published. */
  replyTo?: TweetRecord;
}

/** Only accounts with the timeline module (`tweets`) post and delete tweets; comments are open to every account, as in the original. */
export function assertTweetsModule(user: UserRecord): void {
  if (!moduleCodes(user).includes('tweets')) throw badRequest('missing_module', 'Você não tem acesso ao modulo tweets');
}

/** Posts a tweet (a comment when `replyTo` is given); the parent's counters and latest comment follow in the same transaction. */
export async function addTweet({ author, content, mediaIds, replyTo }: NewTweet): Promise<TweetRecord> {
  const media = await checkMedia(author.id, mediaIds);
  const depth = replyTo ? replyTo.tweet_depth + 1 : 1;
  if (depth > MAX_TWEET_DEPTH) throw badRequest('tweet_max_depth', 'Não é possível responder a este comentário.', 'tweet_id');
  const now = new Date();
  const id = await newTweetId(now);
  const parentId = replyTo?.id ?? null;
  const tweet: TweetRecord = {
    ...tweetKey(id),
    id,
    cliente_id: author.id,
    content,
    anonimo: author.modo_anonimo_ativo ? 1 : 0,
    parent_id: parentId,
    tweet_depth: depth,
    status: 'published',
    created_at: now.toISOString(),
    media_ids: media,
    qtde_likes: 0,
    qtde_comentarios: 0,
    qtde_reportado: 0,
    ultimo_comentario_id: null,
    escondido: 0,
    tags_index: highlightTags(content, (await loadDisplay())?.highlights ?? []),
    ...tweetIndexKeys(id, parentId),
  };
  await transact([
    { Put: { Item: tweet } },
    { Put: { Item: { ...userTweetKey(author.id, id), tweetId: id, refs: [tweetKey(id)] } } },
    ...(replyTo
      ? [
          {
            Update: {
              Key: tweetKey(replyTo.id),
              // Ids grow with time: the new comment is the newest.
              UpdateExpression: 'ADD qtde_comentarios :one SET ultimo_comentario_id = :id',
              ConditionExpression: '#status = :published',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':id': id, ':published': 'published' },
            },
            conflictCode: 'tweet_not_found',
          },
        ]
      : []),
  ]).catch((error) => {
    throw error instanceof AppError && error.code === 'tweet_not_found' ? tweetNotFound() : error;
  });
  return tweet;
}

/** Deletes one of her published tweets; a comment's parent counts one comment less and shows its newest remaining one. */
export async function deleteTweet(userId: number, tweetId: string): Promise<void> {
  const tweet = await findTweet(tweetId, true);
  if (!tweet || tweet.cliente_id !== userId || tweet.status !== 'published') throw tweetNotFound();
  const deleted = await table.update(tweetKey(tweetId), 'SET #status = :deleted REMOVE gsi1pk, gsi1sk', {
    condition: '#status = :published AND cliente_id = :owner',
    names: { '#status': 'status' },
    values: { ':deleted': 'deleted', ':published': 'published', ':owner': userId },
  });
  if (!deleted) throw tweetNotFound();
  if (tweet.parent_id) await refreshLatestComment(tweet.parent_id);
}

/** The newest published comment of a tweet: the index may still list one just deleted, so candidates are read back consistently. */
async function latestCommentId(parentId: string): Promise<string | undefined> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<{ gsi1sk: string }>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': repliesIndexPk(parentId) },
      ScanIndexForward: false,
      Limit: 5,
      ExclusiveStartKey: startKey,
    });
    const candidates = await batchGet<TweetRecord & Record<string, unknown>>(
      page.items.map((item) => tweetKey(item.gsi1sk)),
      { consistentRead: true, attributes: ['id', 'status'] },
    );
    const latest = candidates.find((tweet) => tweet?.status === 'published');
    if (latest) return latest.id;
    startKey = page.lastKey;
  } while (startKey);
  return undefined;
}

async function refreshLatestComment(parentId: string): Promise<void> {
  const latest = await latestCommentId(parentId);
  await table.update(tweetKey(parentId), 'SET ultimo_comentario_id = :latest ADD qtde_comentarios :minusOne', {
    condition: 'attribute_exists(pk)',
    values: { ':latest': latest ?? null, ':minusOne': -1 },
  });
}

/** Likes a tweet, or with `remove` takes her like back; doing either twice changes nothing. True when a like was added. */
export async function likeTweet(userId: number, tweetId: string, remove: boolean): Promise<boolean> {
  const like = tweetLikeKey(tweetId, userId);
  const ref = userTweetLikeKey(userId, tweetId);
  try {
    await transact(
      remove
        ? [
            { Delete: { Key: like, ConditionExpression: 'attribute_exists(pk)' }, conflictCode: 'no_change' },
            { Delete: { Key: ref } },
            {
              Update: {
                Key: tweetKey(tweetId),
                UpdateExpression: 'ADD qtde_likes :minusOne',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            },
          ]
        : [
            {
              Put: { Item: { ...like, cliente_id: userId, created_at: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' },
              conflictCode: 'no_change',
            },
            { Put: { Item: { ...ref, refs: [like] } } },
            {
              Update: {
                Key: tweetKey(tweetId),
                UpdateExpression: 'ADD qtde_likes :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
    );
    return !remove;
  } catch (error) {
    if (error instanceof AppError && error.code === 'no_change') return false;
    throw error;
  }
}

/** Records her report of a tweet (kept in her partition) and counts it on the tweet. */
export async function reportTweet(userId: number, tweetId: string, reason: string): Promise<number> {
  const reportId = await nextValue(sequenceKey('tweet_report'));
  await transact([
    {
      Put: {
        Item: { ...tweetReportKey(userId, reportId), id: reportId, cliente_id: userId, reported_id: tweetId, reason, created_at: new Date().toISOString() },
      },
    },
    { Update: { Key: tweetKey(tweetId), UpdateExpression: 'ADD qtde_reportado :one', ExpressionAttributeValues: { ':one': 1 } } },
  ]);
  return reportId;
}

/** The published tweet of an active author a like, comment or report names; item_not_found otherwise. */
export async function publishedTweet(tweetId: string): Promise<TweetRecord> {
  const tweet = await findTweet(tweetId, true);
  if (tweet?.status !== 'published') throw itemNotFound();
  const author = await table.get<{ status: string }>(userKey(tweet.cliente_id), { attributes: ['status'] });
  if (author?.status !== 'active') throw itemNotFound();
  return tweet;
}

/** The post at the top of a tweet's thread (at most two steps up). */
export async function rootOf(tweet: TweetRecord): Promise<string> {
  let current = tweet;
  for (let step = 0; current.parent_id && step < MAX_TWEET_DEPTH; step++) {
    const parent = await findTweet(current.parent_id);
    if (!parent) break;
    current = parent;
  }
  return current.id;
}
