/**
 * PenhaS (Mojolicious original): `{error, message, field?, reason?}`; validation
 * is `form_error` naming the first failing field and why.
 */
import type { ErrorFormat } from '../error-format.ts';
import { retryAfter, statusOf } from '../error-format.ts';
import { json } from '../responses.ts';

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
      return json({ error: 'form_error', message: first.message, field: first.field, reason: first.reason }, status);
    }
    return json({ error: error.code, message: error.message, ...error.details.extra }, status, retryAfter(error));
  },
  documented: () => ({ mediaType: 'application/json', schema: errorBody }),
};
