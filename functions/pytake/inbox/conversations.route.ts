/** The agents' inbox: `/api/v1/conversations` (every member reads; staff change) and `POST /api/v1/queue/pull`. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { optionalText, pagination, uuid } from '../params.ts';
import { queues } from '../resources.ts';
import { conversationResponse, messageResponse } from './conversation-schema.ts';
import { sendMessageBody } from './outbound.ts';

export const conversationIdParams = z.object({ conversation_id: uuid() });
export const conversationId: ObjectId = { object: 'conversation', from: 'path', field: 'conversation_id', owner: 'tenant' };

const unauthenticated = { 401: failure('Not authenticated') };
const forbidden = { 403: failure('A viewer may not change conversations') };
const notFound = { 404: failure('Conversation not found (also for a conversation of another organization)') };
const invalid = { 422: failure('Invalid input') };
const closed = { 409: failure('Conversation is closed, or changed meanwhile') };

export const listConversationsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/conversations',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/list-conversations.ts',
  summary: 'The organization’s conversations, latest activity first, filtered by status, agent, queue, department or tag',
  request: {
    query: z.object({
      ...pagination(),
      status: z.optional(z.enum(['open', 'pending', 'queued', 'active', 'resolved', 'closed'])),
      assigned_to_me: z._default(z.stringbool(), false),
      agent_id: z.optional(uuid()),
      department_id: z.optional(uuid()),
      queue_id: z.optional(uuid()),
      tag: z.optional(z.string()),
    }),
  },
  responses: { 200: ok('The conversations', z.array(conversationResponse)), ...unauthenticated, ...invalid },
});

export const createConversationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/create-conversation.ts',
  summary: 'Opens a conversation with a contact on a number (both of the organization); the open one if there is one',
  request: { body: z.object({ contact_id: uuid(), whatsapp_number_id: uuid() }) },
  objectIds: [
    { object: 'contact', from: 'body', field: 'contact_id', owner: 'tenant' },
    { object: 'whatsapp number', from: 'body', field: 'whatsapp_number_id', owner: 'tenant' },
  ],
  responses: {
    201: ok('The conversation', conversationResponse),
    ...unauthenticated,
    ...forbidden,
    404: failure('Contact or WhatsApp number not found'),
    ...invalid,
  },
});

export const getConversationRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/conversations/{conversation_id}',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/get-conversation.ts',
  summary: 'A conversation of the organization',
  request: { params: conversationIdParams },
  objectIds: [conversationId],
  responses: { 200: ok('The conversation', conversationResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const updateConversationTagsRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/conversations/{conversation_id}/tags',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/update-conversation-tags.ts',
  summary: 'Replaces the conversation’s tags',
  request: { params: conversationIdParams, body: z.object({ tags: z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(50)) }) },
  objectIds: [conversationId],
  responses: { 200: ok('The conversation', conversationResponse), ...unauthenticated, ...forbidden, ...notFound, ...closed, ...invalid },
});

export const listMessagesRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/conversations/{conversation_id}/messages',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/list-messages.ts',
  summary: 'The conversation’s messages, oldest first',
  request: { params: conversationIdParams, query: z.object(pagination()) },
  objectIds: [conversationId],
  responses: { 200: ok('The messages', z.array(messageResponse)), ...unauthenticated, ...notFound, ...invalid },
});

export const sendMessageRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/messages',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/send-message.ts',
  summary:
    'Sends a message (text, media, template, interactive) through the send queue: 201 with the stored outbound message, `pending` until Graph accepts it. Free-form messages need the 24-hour window open; templates do not.',
  access: { sendsTo: [queues.sendMessage] },
  request: { params: conversationIdParams, body: sendMessageBody },
  objectIds: [conversationId],
  responses: {
    201: ok('Stored and queued', messageResponse),
    ...unauthenticated,
    ...forbidden,
    ...notFound,
    409: failure('The 24-hour customer service window is closed (only templates may be sent), or the conversation is closed'),
    ...invalid,
    429: failure('More than 5 messages a minute in this conversation'),
  },
});

export const markReadRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/read',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/mark-read.ts',
  summary: 'Marks the conversation read',
  request: { params: conversationIdParams },
  objectIds: [conversationId],
  responses: { 200: ok('The conversation', conversationResponse), ...unauthenticated, ...forbidden, ...notFound, ...closed, ...invalid },
});

export const assignConversationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/assign',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/assign-conversation.ts',
  // Notifies the agent (../notifications/notify.ts).
  access: { sendsTo: [queues.notifications] },
  summary: 'Gives the conversation to an agent of the organization (out of its queue)',
  request: { params: conversationIdParams, body: z.object({ agent_id: uuid() }) },
  objectIds: [conversationId],
  responses: {
    200: ok('The conversation', conversationResponse),
    ...unauthenticated,
    ...forbidden,
    404: failure('Conversation or agent not found'),
    ...closed,
    ...invalid,
  },
});

export const transferConversationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/transfer',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/transfer-conversation.ts',
  // Notifies the agent a queue's routing picks.
  access: { sendsTo: [queues.notifications] },
  summary: 'Unassigns the conversation and queues it in a department (and one of its queues)',
  request: {
    params: conversationIdParams,
    body: z.object({ department_id: uuid(), queue_id: z.optional(z.nullable(uuid())), note: optionalText({ max: 1000 }) }),
  },
  objectIds: [conversationId],
  responses: {
    200: ok('The conversation', conversationResponse),
    ...unauthenticated,
    ...forbidden,
    404: failure('Conversation, department or queue not found'),
    ...closed,
    ...invalid,
  },
});

export const closeConversationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/conversations/{conversation_id}/close',
  auth: 'jwt',
  handler: 'functions/pytake/inbox/close-conversation.ts',
  // Notifies the agent who had it.
  access: { sendsTo: [queues.notifications] },
  summary: 'Closes the conversation: the customer’s next message opens a new one',
  request: { params: conversationIdParams },
  objectIds: [conversationId],
  responses: { 200: ok('The conversation', conversationResponse), ...unauthenticated, ...forbidden, ...notFound, ...closed, ...invalid },
});
