/**
 * The invite link's page (public): the guardian sees the invite and accepts or
 * refuses it. JSON for the app and scripts; the page for browsers (the client
 * accepts `text/html`), which shows a failure's message on the page, as the
 * original did, with status 200.
 */
import * as z from 'zod/mini';
import { failure } from '#shared/http/contract';
import type { ObjectId, ResponseContract } from '#shared/manifest';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';

const flag = z.union([z.literal(0), z.literal(1)]);

const invite = z.object({
  guardiao: z.object({
    celular: z.string(),
    is_accepted: flag,
    is_pending: flag,
    is_expired: flag,
    nome: z.string(),
    refused_at: z.nullable(z.string()),
    created_at: z.string(),
    accepted_at: z.nullable(z.string()),
  }),
  cliente: z.object({ apelido: z.string() }),
});

const answered = (description: string): ResponseContract => ({
  description,
  mediaType: ['application/json', 'text/html'],
  // JSON: the invite; HTML: the page.
  schema: z.union([invite, z.string()]),
});

const failures: Record<number, ResponseContract> = {
  400: failure('form_error, token_invalid_format, token_invalid_hash; action_invalid and guard_invite_expired when answering'),
  404: failure('No invite has this token (item_not_found)'),
  429: failure('More than 100 requests an hour from the address (too_many_requests)'),
};

const tokenId: ObjectId[] = [{ object: 'guardian invite', from: 'query', field: 'token', owner: 'capability', capability: 'token' }];

export const getInviteRoute = penhasRoute({
  method: 'GET',
  path: '/web/guardiao',
  auth: 'none',
  handler: 'functions/penhas/guardians/get-invite.ts',
  summary: 'The invite a guardian received by SMS: who invited her and its state',
  request: { query: z.object({ token: text({ max: 100 }) }) },
  responses: { 200: answered('The invite (JSON), or its page (HTML)'), ...failures },
  objectIds: tokenId,
});

export const answerInviteRoute = penhasRoute({
  method: 'POST',
  path: '/web/guardiao',
  auth: 'none',
  handler: 'functions/penhas/guardians/answer-invite.ts',
  summary: 'The guardian accepts (`action=accept`) or refuses (`action=refuse`) the invite; she may change her mind later',
  request: { body: z.object({ token: text({ max: 100 }), action: text({ max: 100 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 200: answered('The invite as it is now (JSON), or its page (HTML)'), ...failures },
  objectIds: tokenId,
});
