/**
 * The stack every HTTP handler runs in, built from the route's declaration:
 *   log context and correlation id → authentication of header/query
 *   credentials → body parsing (the declared encodings; an empty body is no
 *   body) → zod validation of path, query and body → authentication of body
 *   credentials → the handler → the service's error format on any failure →
 *   metrics flushed once.
 * A handler file reads: `httpRoute(declaredRoute, authenticator, async (request) => ...)`,
 * the authenticator being the service's one for the kind the route declares
 * (none for public routes); a mismatch fails to compile and fails at start.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Authenticator } from '../auth/authenticator.ts';
import { operationCountHeaders, resetOperationCount } from '../db/op-count.ts';
import { logger } from '../observability/logger.ts';
import { parseWith } from '../validation.ts';
import type { BodyOf, DeclaredRoute, ParamsOf, QueryOf } from './contract.ts';
import { toAppError } from './error-format.ts';
import { correlate, flushMetrics } from './observability.ts';
import { parseBody, unparsedEncodings } from './parsers.ts';
import type { HttpResult } from './responses.ts';

export interface RouteRequest<R, Caller> {
  body: BodyOf<R>;
  query: QueryOf<R>;
  params: ParamsOf<R>;
  /** Who the route's authenticator verified; undefined on public routes. */
  caller: Caller;
  /** Lowercase header names, as API Gateway delivers them. */
  headers: Record<string, string | undefined>;
  /** Follows the work this request causes (it is on every log line; queue jobs carry it). */
  correlationId: string;
  /** The body as received, decoded from base64 if it was: for the rare route that must read what its parser did not keep. */
  rawBody?: string;
  event: APIGatewayProxyEventV2;
  context: Context;
}

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

type RouteFn = (request: RouteRequest<any, any>) => Promise<HttpResult>;

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

export function httpRoute<R extends DeclaredRoute & { auth: 'none' }>(route: R, fn: (request: RouteRequest<R, undefined>) => Promise<HttpResult>): HttpHandler;
export function httpRoute<R extends DeclaredRoute, Caller>(
  route: R,
  authenticator: Authenticator<R['auth'], Caller, BodyOf<R>>,
  fn: (request: RouteRequest<R, Caller>) => Promise<HttpResult>,
): HttpHandler;
export function httpRoute(route: DeclaredRoute, ...args: [RouteFn] | [Authenticator<any, unknown, any>, RouteFn]): HttpHandler {
  const [authenticator, fn] = args.length === 1 ? [undefined, args[0]] : args;
  checkAuthenticator(route, authenticator);
  const contract = route.request ?? {};
  const encodings = contract.body ? (contract.encodings ?? ['json']) : [];
  const unparsed = unparsedEncodings(encodings);
  if (unparsed.length) throw new Error(`${route.method} ${route.path} takes ${unparsed.join(', ')} bodies: its handler must import '#shared/http/multipart'`);

  const base = async (event: ParsedEvent, context: Context): Promise<HttpResult> => {
    const headers = event.headers ?? {};
    const query = event.queryStringParameters ?? {};
    const correlationId = correlate(headers, event.requestContext?.requestId);
    const caller = authenticator?.reads === 'request' ? await authenticator.authenticate({ headers, query, body: undefined }) : undefined;
    const received = { body: event.body, base64: event.isBase64Encoded };
    const parsedBody = encodings.length ? await parseBody(event, encodings) : undefined;
    const bodyInput = contract.mergeQuery ? { ...query, ...(isRecord(parsedBody) ? parsedBody : {}) } : parsedBody;
    const params = contract.params ? parseWith(contract.params, event.pathParameters ?? {}, 'path') : (event.pathParameters ?? {});
    const validatedQuery = contract.query ? parseWith(contract.query, query, 'query') : query;
    const body = contract.body ? parseWith(contract.body, bodyInput, 'body') : undefined;
    return fn({
      body,
      query: validatedQuery,
      params,
      caller: authenticator?.reads === 'input' ? await authenticator.authenticate({ headers, query, body }) : caller,
      headers,
      correlationId,
      get rawBody() {
        if (typeof received.body !== 'string') return undefined;
        return received.base64 ? Buffer.from(received.body, 'base64').toString('utf8') : received.body;
      },
      event: event as APIGatewayProxyEventV2,
      context,
    } as RouteRequest<DeclaredRoute, unknown>);
  };

  const errors = route.errors;
  const errorMapper: MiddlewareObj<ParsedEvent, HttpResult> = {
    onError: (request) => {
      request.response = errors.toResponse(toAppError(request.error), request.event as APIGatewayProxyEventV2);
    },
  };
  // onError runs in reverse order of use: the error is mapped first, then counted, flushed and the log keys reset.
  const handler = middy(base, { timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics);
  if (exposeDbOperations) handler.use(dbOperationsHeader);
  return handler.use(errorMapper) as unknown as HttpHandler;
}

function checkAuthenticator(route: DeclaredRoute, authenticator: Authenticator<any, unknown, any> | undefined): void {
  const name = `${route.method} ${route.path}`;
  if (route.auth === 'none' && authenticator) throw new Error(`${name} is public (auth 'none') but was given a ${authenticator.kind} authenticator`);
  if (route.auth !== 'none' && authenticator?.kind !== route.auth) {
    throw new Error(`${name} declares auth '${route.auth}' and needs the service's authenticator of that kind`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
