/**
 * The chats as the app calls them: the list, opening and deleting a chat,
 * reading and sending messages (`chat_auth`), blocks, the user search and
 * another user's profile. Parameters come in the query string or a form body.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { bool, int, intList } from '../accounts/me-params.ts';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { optionalText, text } from '../params.ts';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });
/** Optional, an empty value counts as absent. */
const optionalInt = () =>
  z.optional(
    z.string().check(
      z.maxLength(10),
      invalidUnless((v) => v === '' || /^-?[0-9]+$/.test(v)),
    ),
  );

const flag = z.union([z.literal(0), z.literal(1)]);
const badge = z.record(z.string(), z.unknown());

const other = z.object({
  cliente_id: z.number(),
  apelido: z.string(),
  avatar_url: z.string(),
  activity: z.string(),
  badges: z.optional(z.array(badge)),
  blocked_me: z.optional(flag),
});

const meta = z.object({
  can_send_message: flag,
  did_blocked: flag,
  is_blockable: flag,
  last_msg_etag: z.string(),
  header_message: z.string(),
  header_warning: z.string(),
});

const messagesPage = z.object({
  messages: z.array(z.object({ id: z.number(), message: z.string(), is_me: flag, time: z.string() })),
  other,
  newer: z.optional(z.string()),
  older: z.optional(z.string()),
  has_more: flag,
  meta,
});

const chatRow = z.object({
  chat_auth: z.string(),
  last_message_is_me: flag,
  last_message_at: z.string(),
  other_activity: z.string(),
  other_apelido: z.string(),
  other_avatar_url: z.string(),
  other_badges: z.array(badge),
});

const chatAuthFailure = failure(
  'chat_auth_invalid, chat_auth_invalid_user, chat_session_not_found, chat_not_participant ("Recarregue o app…": not her chat, or gone); pagination; form_error; or expired_jwt',
);

/** A chat_auth is hers by construction: it names the chat and the user it was given to, signed. */
const chatAuth = (from: 'query' | 'body'): ObjectId[] => [{ object: 'chat', from, field: 'chat_auth', owner: 'caller' }];

export const listChatsRoute = penhasRoute({
  method: 'GET',
  path: '/me/chats',
  auth: 'api-key',
  handler: 'functions/penhas/chats/list-chats.ts',
  summary: 'Her private chats with messages, latest first (`rows`, `next_page`), without anyone blocked either way; the support chat and the assistant',
  request: { query: z.object({ rows: optionalInt(), next_page: optionalText({ max: 9999 }), cliente_id: optionalInt() }) },
  responses: {
    200: ok(
      'Chats',
      z.object({
        rows: z.array(chatRow),
        has_more: flag,
        next_page: z.nullable(z.string()),
        support: z.object({
          chat_auth: z.string(),
          other_activity: z.string(),
          other_apelido: z.string(),
          other_avatar_url: z.string(),
          other_badges: z.array(badge),
          last_message_at: z.string(),
          last_message_is_me: flag,
        }),
        assistant: z.nullable(z.record(z.string(), z.unknown())),
      }),
    ),
    ...activeAccountFailures,
    400: failure('form_error (next_page); or expired_jwt'),
  },
});

export const openChatRoute = penhasRoute({
  method: 'POST',
  path: '/me/chats-session',
  auth: 'api-key',
  handler: 'functions/penhas/chats/open-chat.ts',
  access: { dataKeys: true },
  summary:
    'Opens her chat with an active user (`cliente_id`; the same chat when they have one) and answers its `chat_auth`; `prefetch=1` adds its latest messages',
  request: { body: z.object({ cliente_id: int({ max: 12 }), prefetch: z.optional(bool()) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: {
    200: ok('The chat', z.object({ chat_auth: z.string(), prefetch: z.optional(messagesPage) })),
    ...activeAccountFailures,
    400: failure('cannot_message_yourself; form_error; or expired_jwt'),
    404: failure('item_not_found (no such active user); or the account is not active (Page not found)'),
  },
  // Anyone active may be messaged (unless she blocked the caller: then sending is refused).
  objectIds: [{ object: 'profile', from: 'body', field: 'cliente_id', owner: 'public' }],
});

export const deleteChatRoute = penhasRoute({
  method: 'DELETE',
  path: '/me/chats-session',
  auth: 'api-key',
  handler: 'functions/penhas/chats/delete-chat.ts',
  summary: 'Deletes a private chat for both (`chat_auth`); with the support chat’s `chat_auth`, clears its messages',
  request: { body: z.object({ chat_auth: text({ max: 9999 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 204: noContent('Deleted'), ...activeAccountFailures, 400: chatAuthFailure },
  objectIds: chatAuth('body'),
});

export const listMessagesRoute = penhasRoute({
  method: 'GET',
  path: '/me/chats-messages',
  auth: 'api-key',
  handler: 'functions/penhas/chats/list-messages.ts',
  access: { dataKeys: true },
  summary:
    'A chat’s messages, newest first (`chat_auth`; `pagination`: a `newer` or `older` token; `rows`), the other participant and the chat’s state (`meta.last_msg_etag`)',
  request: {
    query: z.object({ chat_auth: text({ max: 9999 }), pagination: optionalText({ max: 9999 }), rows: optionalInt() }),
  },
  responses: { 200: ok('Messages', messagesPage), ...activeAccountFailures, 400: chatAuthFailure },
  objectIds: chatAuth('query'),
});

export const sendMessageRoute = penhasRoute({
  method: 'POST',
  path: '/me/chats-messages',
  auth: 'api-key',
  handler: 'functions/penhas/chats/send-message.ts',
  access: { dataKeys: true },
  summary: 'Sends a message (`message`) in a chat (`chat_auth`); answers its id and the etags before and after it',
  request: { body: z.object({ chat_auth: text({ max: 9999 }), message: text({ max: 9999 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: {
    200: ok('Sent', z.object({ id: z.number(), prev_last_msg_etag: z.string(), last_msg_etag: z.string() })),
    ...activeAccountFailures,
    400: failure(
      'blocked (the other blocked her, or is gone), remove_block_to_send_message (she blocked the other); the chat_auth failures; form_error; or expired_jwt',
    ),
  },
  objectIds: chatAuth('body'),
});

export const manageBlocksRoute = penhasRoute({
  method: 'POST',
  path: '/me/manage-blocks',
  auth: 'api-key',
  handler: 'functions/penhas/chats/manage-blocks.ts',
  summary: 'Blocks (`block=1`) or unblocks (`block=0`) another user (`cliente_id`) in the chats',
  request: { body: z.object({ cliente_id: int({ max: 12 }), block: bool() }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 204: noContent('Done'), ...activeAccountFailures, 400: failure('cannot_block_yourself; form_error; or expired_jwt') },
  // The block is hers: anyone may be blocked.
  objectIds: [{ object: 'profile', from: 'body', field: 'cliente_id', owner: 'public' }],
});

export const searchUsersRoute = penhasRoute({
  method: 'GET',
  path: '/search-users',
  auth: 'api-key',
  handler: 'functions/penhas/chats/search-users.ts',
  summary: 'Women of the community by a prefix of the name or nickname (`name`, accents ignored) or by latest activity; `skills`, `rows`, `next_page`',
  request: {
    query: z.object({
      rows: optionalInt(),
      skills: z.optional(intList()),
      next_page: optionalText({ max: 9999 }),
      name: z.optional(
        z.string().check(
          z.maxLength(100),
          invalidUnless((v) => v === '' || v.length >= 2),
        ),
      ),
    }),
  },
  responses: {
    200: ok(
      'Users',
      z.object({
        rows: z.array(
          z.object({ cliente_id: z.number(), apelido: z.string(), avatar_url: z.string(), activity: z.string(), skills: z.string(), badges: z.array(badge) }),
        ),
        has_more: flag,
        next_page: z.nullable(z.string()),
      }),
    ),
    ...activeAccountFailures,
    400: failure('form_error (no access to the private chats; next_page); or expired_jwt'),
  },
});

export const profileRoute = penhasRoute({
  method: 'GET',
  path: '/profile',
  auth: 'api-key',
  handler: 'functions/penhas/chats/profile.ts',
  summary: 'Another user’s public profile (`cliente_id`): an active woman not in anonymous mode',
  request: { query: z.object({ cliente_id: int({ max: 12 }) }) },
  responses: {
    200: ok(
      'Profile',
      z.object({
        profile: z.object({
          cliente_id: z.number(),
          apelido: z.string(),
          avatar_url: z.string(),
          minibio: z.string(),
          skills: z.nullable(z.string()),
          badges: z.array(badge),
        }),
        is_myself: flag,
      }),
    ),
    ...activeAccountFailures,
    400: failure('form_error (no access to the private chats); or expired_jwt'),
    404: failure('item_not_found (no such listable user); or the account is not active (Page not found)'),
  },
  objectIds: [{ object: 'profile', from: 'query', field: 'cliente_id', owner: 'public' }],
});

export const chatRoutes = [
  listChatsRoute,
  openChatRoute,
  deleteChatRoute,
  listMessagesRoute,
  sendMessageRoute,
  manageBlocksRoute,
  searchUsersRoute,
  profileRoute,
];
