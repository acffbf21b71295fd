/**
 * PyTake and Kraliki (FastAPI originals): `{detail: "..."}`, and validation as
 * 422 `{detail: [{loc, msg, type}]}` exactly as FastAPI reports it.
 */
import type { ErrorFormat } from '../error-format.ts';
import { retryAfter, statusOf } from '../error-format.ts';
import { json } from '../responses.ts';

const validationBody = {
  type: 'object',
  properties: {
    detail: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          loc: { type: 'array', items: { type: ['string', 'integer'] } },
          msg: { type: 'string' },
          type: { type: 'string' },
        },
        required: ['loc', 'msg', 'type'],
      },
    },
  },
  required: ['detail'],
};
const failureBody = { type: 'object', properties: { detail: { type: 'string' }, code: { type: 'string' } }, required: ['detail'] };

export const fastapiErrors: ErrorFormat = {
  validationStatus: 422,
  toResponse(error) {
    if (error.kind === 'invalid') {
      const detail = (error.details.fields ?? []).map((problem) => ({
        loc: [
          problem.location ?? 'body',
          ...problem.field
            .split('.')
            .filter(Boolean)
            .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        ],
        msg: problem.message,
        type: error.code === 'malformed_body' ? 'json_invalid' : problem.reason === 'is_required' ? 'missing' : 'value_error',
      }));
      return json({ detail }, 422);
    }
    return json({ detail: error.message, code: error.code, ...error.details.extra }, statusOf(error), retryAfter(error));
  },
  documented: (status) => ({ mediaType: 'application/json', schema: status === 422 ? validationBody : failureBody }),
};
