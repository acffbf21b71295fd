/**
 * The middleware stack every HTTP handler uses:
 *   body parsers (chosen per route) → zod validation of body/query/path → the
 *   handler → the service's error format on any failure.
 * A handler file reads: schemas, `httpRoute({...}, async (req) => ...)`.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { core } from 'zod/mini';
import { operationCountHeaders, resetOperationCount } from '../db/op-count.ts';
import { parseWith } from '../validation.ts';
import { jsonBody } from './parsers.ts';
import type { HttpResult } from './responses.ts';
import { toAppError, type ErrorFormat } from './error-format.ts';

export interface HttpRequest<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** Lowercase header names, as API Gateway delivers them. */
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2;
  context: Context;
}

export interface RouteOptions<B, Q, P> {
  errors: ErrorFormat;
  body?: core.$ZodType<B>;
  query?: core.$ZodType<Q>;
  params?: core.$ZodType<P>;
  /**
   * Body parsers, tried in order by content type. Default: JSON only. (middy's
   * parsers are typed against their own event shapes, hence the loose type.)
   */
  parsers?: MiddlewareObj<any>[];
  /** Validate the query string merged with the body as one object (form-style APIs). */
  mergeQueryIntoBody?: boolean;
}

type ParsedEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown };

/** Benchmark and test runs ask each response to state the DynamoDB operations its request made. */
const exposeDbOperations = process.env.DB_OP_COUNT_HEADER === 'true';

const dbOperationsHeader: MiddlewareObj<ParsedEvent, HttpResult> = {
  before: () => resetOperationCount(),
  after: (request) => {
    if (request.response) request.response.headers = { ...request.response.headers, ...operationCountHeaders() };
  },
};
dbOperationsHeader.onError = dbOperationsHeader.after;

export function httpRoute<B = undefined, Q = undefined, P = undefined>(
  options: RouteOptions<B, Q, P>,
  fn: (request: HttpRequest<B, Q, P>) => Promise<HttpResult>,
) {
  const parsers = options.parsers ?? [jsonBody];
  const base = async (event: ParsedEvent, context: Context): Promise<HttpResult> => {
    const query = event.queryStringParameters ?? {};
    const rawBody = event.body === undefined || event.body === '' ? undefined : event.body;
    const bodyInput = options.mergeQueryIntoBody
      ? { ...query, ...(isRecord(rawBody) ? rawBody : {}) }
      : rawBody;
    return fn({
      body: options.body ? parseWith(options.body, bodyInput, 'body') : (bodyInput as B),
      query: options.query ? parseWith(options.query, query, 'query') : (query as Q),
      params: options.params ? parseWith(options.params, event.pathParameters ?? {}, 'path') : (event.pathParameters as P),
      headers: event.headers,
      event: event as APIGatewayProxyEventV2,
      context,
    });
  };
  const errorMapper: MiddlewareObj<ParsedEvent, HttpResult> = {
    onError: (request) => {
      request.response = options.errors.toResponse(toAppError(request.error), request.event as APIGatewayProxyEventV2);
    },
  };
  // Error mapper first so its onError runs last, after every other middleware's (but the header's).
  const handler = middy(base, { timeoutEarlyInMillis: 0 });
  if (exposeDbOperations) handler.use(dbOperationsHeader);
  return handler.use(errorMapper).use(parsers);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
