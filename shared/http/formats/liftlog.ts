/**
 * LiftLog (ASP.NET original): the app reads only status codes. Validation
 * failures are 400 with a problem-details body listing the failing fields;
 * everything else is the bare status (429 with Retry-After).
 */
import type { ErrorFormat } from '../error-format.ts';
import { retryAfter, statusOf } from '../error-format.ts';
import { empty, json } from '../responses.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

const problemDetails = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    status: { type: 'integer' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  required: ['title', 'status', 'errors'],
  additionalProperties: false,
};

export const liftlogErrors: ErrorFormat = {
  validationStatus: 400,
  toResponse(error) {
    const status = statusOf(error);
    if (error.kind === 'invalid') {
      const errors: Record<string, string[]> = {};
      for (const problem of error.details.fields ?? []) {
        const field = problem.field || '$';
        errors[field] = [...(errors[field] ?? []), problem.message];
      }
      return json({ title: 'One or more validation errors occurred.', status, errors }, status, { 'content-type': PROBLEM });
    }
    return empty(status, retryAfter(error));
  },
  documented: (status) => (status === 400 ? { mediaType: 'application/problem+json', schema: problemDetails } : undefined),
};
