/** The support chat for the admins: the queue, a woman's messages, an answer. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';
import { adminFailures, flag, numericId, pageQuery, staffObject } from './admin-params.ts';

const cliente = [staffObject('support chat', 'path', 'cliente_id')];

export const listSupportChatsRoute = penhasRoute({
  method: 'GET',
  path: '/admin/support-chats',
  auth: 'jwt',
  handler: 'functions/penhas/admin/list-support-chats.ts',
  access: { paginates: true },
  summary: 'Support chats by `state`: `waiting` (her message is the last; longest wait first, the default) or `answered` (newest first)',
  request: { query: z.object({ state: z.optional(z.enum(['waiting', 'answered'])), ...pageQuery }) },
  responses: {
    200: ok(
      'Support chats',
      z.object({
        rows: z.array(
          z.object({
            cliente_id: z.number(),
            apelido: z.nullable(z.string()),
            nome_completo: z.nullable(z.string()),
            last_msg_at: z.string(),
            last_msg_is_support: flag,
            last_msg_preview: z.nullable(z.string()),
            last_msg_by: z.nullable(z.string()),
          }),
        ),
        has_more: flag,
        next_page: z.nullable(z.string()),
      }),
    ),
    400: failure('form_error (state, rows, next_page)'),
    ...adminFailures,
  },
});

export const readSupportChatRoute = penhasRoute({
  method: 'GET',
  path: '/admin/support-chats/{cliente_id}/messages',
  auth: 'jwt',
  handler: 'functions/penhas/admin/read-support-chat.ts',
  access: { paginates: true },
  summary: 'A woman’s support chat, newest first (`rows`; `next_page` for older messages)',
  request: { params: z.object({ cliente_id: numericId() }), query: z.object(pageQuery) },
  responses: {
    200: ok(
      'Messages',
      z.object({
        messages: z.array(z.object({ id: z.number(), message: z.string(), is_support: flag, admin_user_id: z.nullable(z.string()), time: z.string() })),
        has_more: flag,
        next_page: z.nullable(z.string()),
      }),
    ),
    400: failure('form_error (rows; next_page not a cursor this chat gave)'),
    404: failure('She has no support chat (item_not_found)'),
    ...adminFailures,
  },
  objectIds: cliente,
});

export const answerSupportChatRoute = penhasRoute({
  method: 'POST',
  path: '/admin/support-chats/{cliente_id}/messages',
  auth: 'jwt',
  handler: 'functions/penhas/admin/answer-support-chat.ts',
  summary: 'The support answers her (`message`): she reads it in the app’s support chat; the chat moves to answered',
  request: { params: z.object({ cliente_id: numericId() }), body: z.object({ message: text({ max: 9999 }) }), encodings: ['json', 'urlencoded'] },
  responses: {
    200: ok('Sent', z.object({ id: z.number() })),
    400: failure('form_error (message)'),
    404: failure('No such account (item_not_found)'),
    ...adminFailures,
  },
  objectIds: cliente,
});
