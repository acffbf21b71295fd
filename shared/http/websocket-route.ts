/**
 * The stack of a WebSocket API route that decides on a connection (`$connect`):
 * log context and correlation id, then the service's authenticator for the
 * kind the route declares, then the handler with the verified caller. A
 * refused credential answers 401 (403, 404 as the authenticator says) before
 * the upgrade, so no connection exists for it; anything else is a bug, logged
 * at ERROR, and API Gateway refuses the connection.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import type { Authenticator } from '../auth/authenticator.ts';
import { AppError } from '../errors.ts';
import type { WebSocketRoute } from '../manifest.ts';
import { logger } from '../observability/logger.ts';
import { statusOf, toAppError } from './error-format.ts';
import { correlate, flushMetrics } from './observability.ts';

/** `$connect` events also carry the upgrade request's headers and query string. */
export type ConnectEvent = APIGatewayProxyWebsocketEventV2 & {
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
};

export interface WebSocketRequest<Caller> {
  connectionId: string;
  caller: Caller;
  correlationId: string;
  event: ConnectEvent;
  context: Context;
}

type ConnectFn = (request: WebSocketRequest<any>) => Promise<WebSocketResult>;

export interface WebSocketResult {
  statusCode: number;
  body?: string;
}

export function websocketRoute<R extends WebSocketRoute & { auth: 'none' }>(
  route: R,
  fn: (request: WebSocketRequest<undefined>) => Promise<WebSocketResult>,
): (event: ConnectEvent, context: Context) => Promise<WebSocketResult>;
export function websocketRoute<R extends WebSocketRoute & { auth: NonNullable<WebSocketRoute['auth']> }, Caller>(
  route: R,
  authenticator: Authenticator<R['auth'], Caller, undefined>,
  fn: (request: WebSocketRequest<Caller>) => Promise<WebSocketResult>,
): (event: ConnectEvent, context: Context) => Promise<WebSocketResult>;
export function websocketRoute(route: WebSocketRoute, ...args: [ConnectFn] | [Authenticator<any, unknown, undefined>, ConnectFn]) {
  const [authenticator, fn] = args.length === 1 ? [undefined, args[0]] : args;
  const declared = route.auth ?? 'none';
  if ((declared === 'none') !== (authenticator === undefined) || (authenticator && authenticator.kind !== declared)) {
    throw new Error(`${route.handler} declares auth '${declared}' and needs the service's authenticator of exactly that kind`);
  }

  const base = async (event: ConnectEvent, context: Context): Promise<WebSocketResult> => {
    const headers = event.headers ?? {};
    const correlationId = correlate(headers, event.requestContext.requestId);
    let caller: unknown;
    try {
      caller = await authenticator?.authenticate({ headers, query: event.queryStringParameters ?? {}, body: undefined });
    } catch (error) {
      if (!(error instanceof AppError) || error.kind === 'internal') throw error;
      // Refused before the upgrade with the error's status (logged as a client mistake).
      return { statusCode: statusOf(toAppError(error)) };
    }
    return fn({ connectionId: event.requestContext.connectionId, caller, correlationId, event, context });
  };
  return middy(base, { timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics)
    .use({
      // API Gateway answers a failed $connect itself; the failure is only logged, at ERROR when it is a bug.
      onError: (request) => {
        toAppError(request.error);
      },
    });
}
