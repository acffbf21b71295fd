/**
 * Turns a function of one job into an SQS consumer handler. Each record's body
 * is parsed as JSON and checked against the schema; records are processed
 * concurrently (bounded); those whose processing threw are answered in
 * `batchItemFailures`, so only they are retried (the queue's
 * reportBatchItemFailures, on by default in the manifest, must stay on).
 *
 * A body that is not JSON or does not match the schema can never succeed, so
 * it is logged (never its content) and counted as processed: retrying it
 * would only walk it to the DLQ and hold up the jobs batched with it.
 *
 * Each record's work runs under the correlation id its sender attached
 * (send.ts), so the logs and the jobs it enqueues in turn carry it on. A
 * failure on the record's last receive is counted as bound for the DLQ
 * (`JobDeadLettered`): the queue moves it there instead of delivering it again.
 */
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { CORRELATION_ATTRIBUTE, withCorrelationId } from '../observability/correlation.ts';
import { observed } from '../observability/invocation.ts';
import { errorFacts, logger } from '../observability/logger.ts';
import { count } from '../observability/metrics.ts';
import { mapConcurrently } from '../concurrency.ts';

/** The manifest's default `maxReceiveCount`. */
const DEFAULT_MAX_RECEIVE_COUNT = 5;

export interface ConsumerOptions {
  /** Records processed at once. Default 5. */
  concurrency?: number;
  /** The queue's `maxReceiveCount` in the manifest (default 5): the receive after which a failed job goes to the DLQ. */
  maxReceiveCount?: number;
}

export type QueueHandler = ((event: SQSEvent, context: Context) => Promise<SQSBatchResponse>) & {
  /** As declared, so a test can hold it against the manifest. */
  readonly maxReceiveCount: number;
};

export function queueConsumer<T>(
  schema: z.core.$ZodType<T>,
  processJob: (job: T, record: SQSRecord, context: Context) => Promise<void>,
  options: ConsumerOptions = {},
): QueueHandler {
  const concurrency = Math.max(1, options.concurrency ?? 5);
  const maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  const handler = observed(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    const handleRecord = async (record: SQSRecord) => {
      const correlationId = record.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue;
      // With one record per batch (every LiftLog queue) every line of the invocation names its id.
      if (correlationId && event.Records.length === 1) logger.setCorrelationId(correlationId);
      const job = parseJob(schema, record);
      if (!job.ok) return;
      try {
        await withCorrelationId(correlationId, () => processJob(job.value, record, context));
      } catch (error) {
        const lastReceive = receiveCount(record) >= maxReceiveCount;
        count('JobFailed');
        if (lastReceive) count('JobDeadLettered');
        logger.error(lastReceive ? 'job failed on its last receive; it goes to the dead-letter queue' : 'job failed; it will be retried', {
          ...recordFacts(record),
          correlation_id: correlationId,
          ...errorFacts(error, { stack: true }),
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    };
    await mapConcurrently(event.Records, concurrency, handleRecord);
    return { batchItemFailures };
  });
  return Object.assign(handler, { maxReceiveCount });
}

function parseJob<T>(schema: z.core.$ZodType<T>, record: SQSRecord): { ok: true; value: T } | { ok: false } {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    count('JobDropped');
    logger.warn('dropped a message whose body is not JSON', recordFacts(record));
    return { ok: false };
  }
  const result = z.safeParse(schema, body);
  if (!result.success) {
    // Where the job is wrong and how, never the values it holds.
    const issues = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.code}`);
    count('JobDropped');
    logger.warn('dropped a message that is not a valid job', { ...recordFacts(record), issues });
    return { ok: false };
  }
  return { ok: true, value: result.data };
}

const receiveCount = (record: SQSRecord) => Number(record.attributes.ApproximateReceiveCount);

const recordFacts = (record: SQSRecord) => ({
  messageId: record.messageId,
  queue: record.eventSourceARN.split(':').at(-1),
  receiveCount: receiveCount(record),
});
