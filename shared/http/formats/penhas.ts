/**
 * PenhaS (Mojolicious original): `{error, message, field?, reason?}`; validation
 * is `form_error` naming the first failing field and why, with the original's
 * message: `Campos não foram preenchidos corretamente (<field>)`, and for a
 * length ` máximo: <max> enviado: <length>` (or ` mínimo: …`) after it. The
 * declaration helpers (functions/penhas/params.ts) put that suffix in the zod
 * issue's message; failures a feature throws keep their own message.
 */
import type { FieldProblem } from '../../errors.ts';
import type { ErrorFormat } from '../error-format.ts';
import { retryAfter, statusOf } from '../error-format.ts';
import { json } from '../responses.ts';

const FIELDS_NOT_FILLED = 'Campos não foram preenchidos corretamente';
const LENGTH_SUFFIX = /^ (máximo|mínimo): \d+ enviado: \d+$/;

/** The original's message for a parameter that failed its declared schema. */
function validationMessage(problem: FieldProblem): string {
  if (!problem.location) return problem.message;
  return `${FIELDS_NOT_FILLED} (${problem.field})${LENGTH_SUFFIX.test(problem.message) ? problem.message : ''}`;
}

const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
  required: ['error', 'message'],
};

export const penhasErrors: ErrorFormat = {
  validationStatus: 400,
  toResponse(error) {
    const status = statusOf(error);
    const first = error.details.fields?.[0];
    if (error.kind === 'invalid' && first) {
      return json({ error: 'form_error', message: validationMessage(first), field: first.field, reason: first.reason }, status);
    }
    return json({ error: error.code, message: error.message, ...error.details.extra }, status, retryAfter(error));
  },
  documented: () => ({ mediaType: 'application/json', schema: errorBody }),
};
