/**
 * LiftLog (ASP.NET original): the app reads only status codes. Validation
 * failures are 400 with a problem-details body listing the failing fields;
 * everything else is the bare status (429 with Retry-After).
 */
import type { ErrorFormat } from '../error-format.ts';
import { retryAfter, statusOf } from '../error-format.ts';
import { empty, json } from '../responses.ts';

export const liftlogErrors: ErrorFormat = {
  toResponse(error) {
    const status = statusOf(error);
    if (error.kind === 'invalid') {
      const errors: Record<string, string[]> = {};
      for (const problem of error.details.fields ?? []) (errors[problem.field || '$'] ??= []).push(problem.message);
      return json({ title: 'One or more validation errors occurred.', status, errors }, status, {
        'content-type': 'application/problem+json; charset=utf-8',
      });
    }
    return empty(status, retryAfter(error));
  },
};
