/**
 * The anonymous questionnaires (the original's Twitter bot API): the
 * questionnaires open to people without an account, sessions started and
 * answered by a trusted client holding the shared token (`token`, checked
 * against `ANON_QUIZ_SECRET`). Public routes: the token is the only guard.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { optionalText, text } from '../params.ts';
import { secrets } from '../resources.ts';
import { quizAnswerSchema } from './schemas.ts';

const failures = { 400: failure('Missing or invalid token (token_invalid), or invalid parameters') };
const access = { secrets: [secrets.anonQuiz] };
const token = text({ max: 100 });

export const anonListRoute = penhasRoute({
  method: 'GET',
  path: '/anon-questionnaires',
  auth: 'none',
  handler: 'functions/penhas/quiz/anon-list.ts',
  access: { ...access, table: 'read' },
  summary: 'The questionnaires anyone may answer without an account',
  request: { query: z.looseObject({ token }) },
  responses: {
    200: ok(
      'The questionnaires',
      z.object({
        questionnaires: z.array(
          z.object({
            id: z.number(),
            name: z.string(),
            end_screen: z.string(),
            condition: z.string(),
            penhas_start_automatically: z.union([z.literal(0), z.literal(1)]),
            penhas_cliente_required: z.union([z.literal(0), z.literal(1)]),
          }),
        ),
      }),
    ),
    ...failures,
  },
});

export const anonConfigRoute = penhasRoute({
  method: 'GET',
  path: '/anon-questionnaires/config',
  auth: 'none',
  handler: 'functions/penhas/quiz/anon-config.ts',
  access: { ...access, table: 'read' },
  summary: "The anonymous client's configuration (free-form JSON, `{}` when none)",
  request: { query: z.looseObject({ token }) },
  responses: { 200: ok('The configuration', z.record(z.string(), z.unknown())), ...failures },
});

export const anonNewRoute = penhasRoute({
  method: 'POST',
  path: '/anon-questionnaires/new',
  auth: 'none',
  handler: 'functions/penhas/quiz/anon-new.ts',
  access,
  summary:
    'Starts a session of a questionnaire (`questionnaire_id`) for a remote person (`remote_id`), with optional answers already known (`init_responses`, a JSON object)',
  request: {
    body: z.looseObject({ token, questionnaire_id: z.optional(z.string()), remote_id: z.optional(z.string()), init_responses: optionalText() }),
    encodings: ['urlencoded', 'json'],
    mergeQuery: true,
  },
  responses: { 200: ok('The new session and its first messages', quizAnswerSchema), ...failures },
});

export const anonHistoryRoute = penhasRoute({
  method: 'GET',
  path: '/anon-questionnaires/history',
  auth: 'none',
  handler: 'functions/penhas/quiz/anon-history.ts',
  access,
  summary: 'A session as it stands, with its previous messages (`session_id`)',
  request: { query: z.looseObject({ token, session_id: z.optional(z.string()) }) },
  responses: { 200: ok('The session', quizAnswerSchema), ...failures },
  objectIds: [{ object: 'anonymous quiz session', from: 'query', field: 'session_id', owner: 'capability', capability: 'token' }],
});

export const anonProcessRoute = penhasRoute({
  method: 'POST',
  path: '/anon-questionnaires/process',
  auth: 'none',
  handler: 'functions/penhas/quiz/anon-process.ts',
  // A CEP answer is geocoded (Google's key; answers cached in the table) and matched to support points.
  access: { secrets: [secrets.anonQuiz, secrets.geocoding] },
  summary: "One answer to an anonymous session (`session_id`, and the answer under the message's `ref`)",
  request: { body: z.looseObject({ token, session_id: z.optional(z.string()) }), encodings: ['urlencoded', 'json'], mergeQuery: true },
  responses: { 200: ok('The session after the answer', quizAnswerSchema), ...failures },
  objectIds: [{ object: 'anonymous quiz session', from: 'body', field: 'session_id', owner: 'capability', capability: 'token' }],
});
