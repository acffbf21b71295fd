/** The contract between typed failures and each service's wire format for them. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, type ErrorKind } from '../errors.ts';
import type { HttpResult } from './responses.ts';

export interface ErrorFormat {
  toResponse(error: AppError, event: APIGatewayProxyEventV2): HttpResult;
}

export const defaultStatus: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

/** Failures that are not AppErrors: middy parser errors carry a status; anything else is a bug. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number; expose?: boolean })?.statusCode;
  if (status === 415 || status === 422 || status === 400) {
    // middy's parsers report malformed bodies as 415/422: to a client it is bad input.
    return new AppError('invalid', 'malformed_body', (error as Error).message, {
      fields: [{ field: '', reason: 'invalid', message: (error as Error).message }],
    });
  }
  if (status === 413) return new AppError('payload_too_large', 'payload_too_large');
  console.error(JSON.stringify({ level: 'ERROR', message: 'unhandled error', error: String((error as Error)?.stack ?? error) }));
  return new AppError('internal', 'internal_error', 'Internal Server Error');
}

export const statusOf = (error: AppError): number => defaultStatus[error.kind];

export const retryAfter = (error: AppError): Record<string, string> =>
  error.details.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.ceil(error.details.retryAfterSeconds)) } : {};
