/**
 * What every non-HTTP entry point (queue consumers, schedules, WebSocket
 * routes) adds to an invocation, as the route stack does for HTTP: the Lambda
 * context on the logger (request id, function, cold start), a correlation id
 * (the request id, until the handler sets the one its work carries), and the
 * metrics it counted, flushed once at its end.
 */
import type { Context } from 'aws-lambda';
import { logger } from './logger.ts';
import { flushMetrics } from './metrics.ts';

export function observed<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    logger.setCorrelationId(context.awsRequestId);
    try {
      return await handler(event, context);
    } finally {
      flushMetrics();
      logger.resetKeys();
    }
  };
}
