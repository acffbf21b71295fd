/**
 * A correlation id follows the work one HTTP request causes: taken from the
 * request's `x-correlation-id` header when a caller sends one (else the API
 * Gateway request id), carried into the SQS messages it enqueues as a message
 * attribute and into the WebSocket connections it opens, and set on the logger
 * wherever that work runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { logger } from './logger.ts';

export const CORRELATION_HEADER = 'x-correlation-id';
export const CORRELATION_ATTRIBUTE = 'correlationId';

/** Ids a client supplies are accepted only when short and plain, so they cannot forge log structure. */
export function acceptableCorrelationId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

/** Set while one queue record is processed, when records of a batch run side by side. */
const scoped = new AsyncLocalStorage<string>();

/** The correlation id of the work under way: the record's, else the invocation's (on the logger). */
export function currentCorrelationId(): string | undefined {
  const id = scoped.getStore() ?? logger.getCorrelationId();
  return typeof id === 'string' ? id : undefined;
}

/** Runs `work` with `id` as the current correlation id, whatever other work of the invocation carries. */
export function withCorrelationId<T>(id: string | undefined, work: () => Promise<T>): Promise<T> {
  return id === undefined ? work() : scoped.run(id, work);
}
