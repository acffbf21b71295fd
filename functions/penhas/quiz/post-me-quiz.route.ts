import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';
import { quizAnswerSchema } from './schemas.ts';

export const postMeQuizRoute = penhasRoute({
  method: 'POST',
  path: '/me/quiz',
  auth: 'api-key',
  handler: 'functions/penhas/quiz/post-me-quiz.ts',
  summary:
    'One answer to a quiz session: `session_id` (hers, by number, or the assistant `A…`, Manual de Fuga `MF…` and `MF:Address…` ids) and the answer under the message `ref` (`YN…` Y/N, `MYN…` Y/N/M, `FT…` text, `MC…` indexes, `OC…` an index, `BT…` a button, `CEP…` a CEP)',
  request: {
    // Every other member is an answer keyed by a message ref, so the body is open.
    body: z.looseObject({ session_id: text() }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 200: ok('The session after the answer: the next messages, or `finished` and where to go', quizAnswerSchema), ...activeAccountFailures },
  objectIds: [{ object: 'quiz session', from: 'body', field: 'session_id', owner: 'caller' }],
});
