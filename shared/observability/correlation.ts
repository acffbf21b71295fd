/**
 * A correlation id follows the work one HTTP request causes: taken from the
 * request's `x-correlation-id` header when a caller sends one (else the API
 * Gateway request id), carried into the SQS messages it enqueues as a message
 * attribute and into the WebSocket connections it opens, and set on the logger
 * wherever that work runs.
 */
export const CORRELATION_HEADER = 'x-correlation-id';
export const CORRELATION_ATTRIBUTE = 'correlationId';

/** Ids a client supplies are accepted only when short and plain, so they cannot forge log structure. */
export function acceptableCorrelationId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
