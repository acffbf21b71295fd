/**
 * What the route stacks add to every invocation's logs and metrics: the
 * correlation id (the caller's `x-correlation-id` when acceptable, else the
 * API Gateway request id) on every log line, where queue senders find it
 * (`logger.getCorrelationId()`), and the metrics the invocation counted,
 * flushed once at its end (none counted: nothing written).
 */
import type { MiddlewareObj } from '@middy/core';
import { headerOf } from '../auth/authenticator.ts';
import { acceptableCorrelationId, CORRELATION_HEADER } from '../observability/correlation.ts';
import { logger } from '../observability/logger.ts';
import { flushMetrics as flush } from '../observability/metrics.ts';

export function correlate(headers: Record<string, string | undefined>, requestId: string | undefined): string {
  const correlationId = acceptableCorrelationId(headerOf(headers, CORRELATION_HEADER)) ?? requestId ?? 'local';
  logger.setCorrelationId(correlationId);
  return correlationId;
}

export const flushMetrics: MiddlewareObj = { after: flush, onError: flush };
