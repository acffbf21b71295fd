/**
 * Lambda's invocation payload quotas, which the local host enforces so that
 * tests see what AWS would refuse: 6 MB each way for a synchronous invocation
 * (API Gateway, Function URLs, WebSocket routes, SQS event sources), 1 MB for
 * an asynchronous one (EventBridge schedules).
 */
export const SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_BYTES = 1024 * 1024;

export type InvocationType = 'RequestResponse' | 'Event';

export const requestLimitOf = (type: InvocationType) => (type === 'Event' ? ASYNC_PAYLOAD_BYTES : SYNC_PAYLOAD_BYTES);

/** The error types Lambda reports for payloads over its quotas. */
export const REQUEST_TOO_LARGE = 'RequestEntityTooLargeException';
export const RESPONSE_TOO_LARGE = 'Function.ResponseSizeTooLarge';
