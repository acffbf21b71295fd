/**
 * The timeline as the app reads and writes it: the list (`GET /timeline`),
 * her posts (`POST/DELETE /me/tweets`), and what she does on a tweet (like,
 * comment, report). Parameters come in the query string or a form body.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { optionalText, text } from '../params.ts';
import { queues } from '../resources.ts';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });
/** Optional, and an empty value counts as absent. */
const optional = (test: (value: string) => boolean, max = 100) =>
  z.optional(
    z.string().check(
      z.maxLength(max),
      invalidUnless((v) => v === '' || test(v)),
    ),
  );
const TWEET_ID = /^[0-9]{6}T[0-9]{10}$/;
const tweetIdParam = () => optional((v) => TWEET_ID.test(v));

const flag = z.union([z.literal(0), z.literal(1)]);

const tweet = z.object({
  type: z.literal('tweet'),
  id: z.string(),
  content: z.string(),
  anonimo: flag,
  cliente_id: z.number(),
  name: z.string(),
  icon: z.string(),
  created_at: z.string(),
  qtde_likes: z.number(),
  qtde_comentarios: z.number(),
  media: z.array(z.object({ sd: z.string(), hd: z.string() })),
  badges: z.array(z.unknown()),
  meta: z.object({ owner: flag, can_reply: flag, parent_id: z.nullable(z.string()), liked: flag, tweet_depth_test_only: z.optional(z.number()) }),
  last_reply: z.optional(z.nullable(z.unknown())),
});

const newsGroup = z.object({
  type: z.literal('news_group'),
  header: z.nullable(z.string()),
  news: z.array(z.object({ id: z.number(), href: z.string(), title: z.string(), source: z.string(), date_str: z.string(), image: z.string() })),
});

const relatedNews = z.object({
  type: z.literal('related_news'),
  header: z.string(),
  news: z.array(z.object({ href: z.string(), title: z.string(), source: z.string() })),
});

const tweetIdPath = z.object({ tweet_id: z.string() });
const anyTweet: ObjectId[] = [{ object: 'tweet', from: 'path', field: 'tweet_id', owner: 'public' }];

export const listTimelineRoute = penhasRoute({
  method: 'GET',
  path: '/timeline',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/list-timeline.ts',
  access: { paginates: true },
  summary:
    'The timeline: posts newest first (`before`, `next_page`) or oldest first (`after`), one post (`id`), a post’s comments (`parent_id`), her own tweets (`category=all_myself`), news only (`only_news`) or by `tags`; news groups after every third tweet',
  request: {
    query: z.object({
      rows: optional((v) => /^[0-9]+$/.test(v), 10),
      after: tweetIdParam(),
      before: tweetIdParam(),
      parent_id: tweetIdParam(),
      id: tweetIdParam(),
      tags: optional((v) => /^[0-9]{1,6}(,[0-9]{1,6})*$/.test(v), 2000),
      next_page: z.optional(z.string().check(z.maxLength(10000))),
      category: optional((v) => ['all', 'only_news', 'only_tweets', 'all_myself'].includes(v)),
    }),
  },
  responses: {
    200: ok(
      'A page of tweets and news groups, whether more follow, and the token of the next page',
      z.object({
        tweets: z.array(z.union([tweet, newsGroup, relatedNews])),
        has_more: flag,
        order_by: z.enum(['latest_first', 'oldest_first']),
        category: z.string(),
        next_page: z.optional(z.string()),
        parent: z.optional(tweet),
      }),
    ),
    ...activeAccountFailures,
    404: failure('The post named by parent_id does not exist (item_not_found), or the account is not active'),
  },
});

export const addTweetRoute = penhasRoute({
  method: 'POST',
  path: '/me/tweets',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/add-tweet.ts',
  summary: 'Posts a tweet (anonymously while her anonymous mode is on), optionally with images she uploaded (`media_ids`)',
  request: {
    body: z.object({ content: text({ max: 2200 }), media_ids: optionalText({ max: 500 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('The tweet as the timeline shows it', tweet),
    ...activeAccountFailures,
    400: failure('form_error, media_id, missing_module (an account without the timeline); or expired_jwt'),
  },
  objectIds: [{ object: 'media', from: 'body', field: 'media_ids', owner: 'caller' }],
});

export const deleteTweetRoute = penhasRoute({
  method: 'DELETE',
  path: '/me/tweets',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/delete-tweet.ts',
  summary: 'Deletes one of her tweets (`id`); a comment’s post then shows its previous comment',
  request: {
    body: z.object({ id: text({ max: 100 }).check(invalidUnless((v) => TWEET_ID.test(v))) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    204: noContent('Deleted'),
    ...activeAccountFailures,
    400: failure('form_error, tweet_not_found (not hers, or not there), missing_module; or expired_jwt'),
  },
  objectIds: [{ object: 'tweet', from: 'body', field: 'id', owner: 'caller' }],
});

const actionFailures = {
  ...activeAccountFailures,
  404: failure('No such published tweet (item_not_found), or the account is not active'),
};

export const likeTweetRoute = penhasRoute({
  method: 'POST',
  path: '/timeline/{tweet_id}/like',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/like-tweet.ts',
  summary: 'Likes a tweet; `remove=1` takes the like back. Liking twice counts once',
  request: { params: tweetIdPath, body: z.object({ remove: optionalText({ max: 1 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 200: ok('The tweet as it is now', z.object({ tweet })), ...actionFailures },
  objectIds: anyTweet,
  // Likes notify the tweet's author (notifications/).
  access: { sendsTo: [queues.notifications] },
});

export const commentTweetRoute = penhasRoute({
  method: 'POST',
  path: '/timeline/{tweet_id}/comment',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/comment-tweet.ts',
  summary: 'Comments on a post or on a comment (three levels at most)',
  request: {
    params: tweetIdPath,
    body: z.object({ content: text({ max: 2200 }), media_ids: optionalText({ max: 500 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    200: ok('The comment as the timeline shows it', tweet),
    ...actionFailures,
    400: failure('form_error, media_id, tweet_max_depth; or expired_jwt'),
  },
  objectIds: anyTweet,
  // Comments notify the thread (notifications/).
  access: { sendsTo: [queues.notifications] },
});

export const reportTweetRoute = penhasRoute({
  method: 'POST',
  path: '/timeline/{tweet_id}/report',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/report-tweet.ts',
  summary: 'Reports a tweet to moderation with a reason',
  request: { params: tweetIdPath, body: z.object({ reason: text({ max: 200 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 200: ok('Received', z.object({ message: z.string() })), ...actionFailures },
  objectIds: anyTweet,
});

export const timelineRoutes = [listTimelineRoute, addTweetRoute, deleteTweetRoute, likeTweetRoute, commentTweetRoute, reportTweetRoute];
