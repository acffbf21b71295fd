/** Support points for the admins: the suggestions' review, and points written directly. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { optionalText } from '../params.ts';
import { adminFailures, flag, numericId, pageQuery, staffObject } from './admin-params.ts';
import { pontoApoioSchema } from './point-schema.ts';

const suggestionIds = [staffObject('point suggestion', 'path', 'cliente_id'), staffObject('point suggestion', 'path', 'id')];
const suggestionPath = z.object({ cliente_id: numericId(), id: numericId() });
const reviewFailures = {
  400: failure('suggestion_reviewed (approved or rejected already); form_error (a point column, categoria unknown)'),
  404: failure('No such suggestion (item_not_found)'),
  409: failure('conflict: written by someone else meanwhile, send it again'),
  ...adminFailures,
};

export const listSuggestionsRoute = penhasRoute({
  method: 'GET',
  path: '/admin/point-suggestions',
  auth: 'jwt',
  handler: 'functions/penhas/admin/list-suggestions.ts',
  access: { paginates: true },
  summary: 'Suggested support points, newest first, by `status` (default `awaiting-moderation`; `approved`, `rejected`)',
  request: { query: z.object({ status: z.optional(z.enum(['awaiting-moderation', 'approved', 'rejected'])), ...pageQuery }) },
  responses: {
    200: ok(
      'Suggestions, as the app sent them',
      z.object({
        rows: z.array(z.looseObject({ id: z.number(), version: z.number(), cliente_id: z.number(), status: z.string(), created_at: z.string() })),
        has_more: flag,
        next_page: z.nullable(z.string()),
      }),
    ),
    400: failure('form_error (status, rows, next_page)'),
    ...adminFailures,
  },
});

export const approveSuggestionRoute = penhasRoute({
  method: 'POST',
  path: '/admin/point-suggestions/{cliente_id}/{id}/approve',
  auth: 'jwt',
  handler: 'functions/penhas/admin/approve-suggestion.ts',
  summary:
    'Approves a suggestion: a new support point from what it says and the columns sent (those sent win; `latitude`, `longitude`, `natureza`, `tipo_logradouro` are usually needed), listed at once',
  request: { params: suggestionPath, body: z.partial(pontoApoioSchema), encodings: ['json'] },
  responses: { 200: ok('The new point', z.object({ ponto_apoio_id: z.number() })), ...reviewFailures },
  objectIds: suggestionIds,
});

export const rejectSuggestionRoute = penhasRoute({
  method: 'POST',
  path: '/admin/point-suggestions/{cliente_id}/{id}/reject',
  auth: 'jwt',
  handler: 'functions/penhas/admin/reject-suggestion.ts',
  summary: 'Rejects a suggestion (`motivo`, optional)',
  request: { params: suggestionPath, body: z.optional(z.object({ motivo: optionalText({ max: 2000 }) })), encodings: ['json', 'urlencoded'] },
  responses: { 204: noContent('Rejected'), ...reviewFailures },
  objectIds: suggestionIds,
});

export const putPointRoute = penhasRoute({
  method: 'PUT',
  path: '/admin/points/{id}',
  auth: 'jwt',
  handler: 'functions/penhas/admin/put-point.ts',
  summary: 'Creates or replaces support point `id` (every column; `status: inactive` takes it off the app); its ratings stay',
  request: { params: z.object({ id: numericId() }), body: pontoApoioSchema, encodings: ['json'] },
  responses: {
    200: ok('Written', z.object({ id: z.number(), created: flag })),
    400: failure('form_error (a column; categoria unknown)'),
    409: failure('conflict: rated meanwhile, send it again'),
    ...adminFailures,
  },
  objectIds: [staffObject('support point', 'path', 'id')],
});
