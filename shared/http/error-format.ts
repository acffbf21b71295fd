/** The contract between typed failures and each service's wire format for them. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, type ErrorKind } from '../errors.ts';
import { logger } from '../observability/logger.ts';
import type { HttpResult } from './responses.ts';

/** A JSON Schema (2020-12) object, as the documents carry it. */
export type JsonSchema = Record<string, unknown>;

export interface ErrorFormat {
  toResponse(error: AppError, event: APIGatewayProxyEventV2): HttpResult;
  /** The status of a validation failure (400, or FastAPI's 422). */
  readonly validationStatus: number;
  /** How a failure with `status` looks on the wire, for the documents; undefined when it has no body. */
  documented(status: number): { mediaType: string; schema: JsonSchema } | undefined;
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

/**
 * Failures that are not AppErrors: middy parser errors carry a status; anything else is a bug,
 * logged at ERROR with its name and stack. A client's mistake is one short INFO line, no stack.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    if (error.kind === 'internal') logger.error('request failed', { errorName: error.name, code: error.code, stack: error.stack });
    else logger.info('request refused', { status: statusOf(error), code: error.code });
    return error;
  }
  const status = (error as { statusCode?: number; expose?: boolean })?.statusCode;
  if (status === 415 || status === 422 || status === 400) {
    // middy's parsers report malformed bodies as 415/422: to a client it is bad input.
    logger.info('request refused', { status: 400, code: 'malformed_body' });
    return new AppError('invalid', 'malformed_body', (error as Error).message, {
      fields: [{ field: '', reason: 'invalid', message: (error as Error).message }],
    });
  }
  if (status === 413) {
    logger.info('request refused', { status, code: 'payload_too_large' });
    return new AppError('payload_too_large', 'payload_too_large');
  }
  logger.error('unhandled error', { errorName: (error as Error)?.name ?? typeof error, stack: (error as Error)?.stack ?? String(error) });
  return new AppError('internal', 'internal_error', 'Internal Server Error');
}

export const statusOf = (error: AppError): number => defaultStatus[error.kind];

export const retryAfter = (error: AppError): Record<string, string> =>
  error.details.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.ceil(error.details.retryAfterSeconds)) } : {};
