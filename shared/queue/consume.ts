/**
 * Turns a function of one job into an SQS consumer handler. Each record's body
 * is parsed as JSON and checked against the schema; records are processed
 * concurrently (bounded); those whose processing threw are answered in
 * `batchItemFailures`, so only they are retried (the queue's
 * reportBatchItemFailures, on by default in the manifest, must stay on).
 *
 * A body that is not JSON or does not match the schema can never succeed, so
 * it is logged and counted as processed: retrying it would only walk it to
 * the DLQ and hold up the jobs batched with it.
 */
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';

export interface ConsumerOptions {
  /** Records processed at once. Default 5. */
  concurrency?: number;
}

export function queueConsumer<T>(
  schema: z.core.$ZodType<T>,
  processJob: (job: T, record: SQSRecord, context: Context) => Promise<void>,
  options: ConsumerOptions = {},
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const concurrency = Math.max(1, options.concurrency ?? 5);
  return async (event, context) => {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    const handleRecord = async (record: SQSRecord) => {
      const job = parseJob(schema, record);
      if (!job.ok) return;
      try {
        await processJob(job.value, record, context);
      } catch (error) {
        log('ERROR', 'job failed; it will be retried', record, { error: errorText(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < event.Records.length) await handleRecord(event.Records[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, event.Records.length) }, worker));
    return { batchItemFailures };
  };
}

function parseJob<T>(schema: z.core.$ZodType<T>, record: SQSRecord): { ok: true; value: T } | { ok: false } {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    log('WARN', 'dropped a message whose body is not JSON', record, { body: record.body.slice(0, 200) });
    return { ok: false };
  }
  const result = z.safeParse(schema, body);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
    log('WARN', 'dropped a message that is not a valid job', record, { issues });
    return { ok: false };
  }
  return { ok: true, value: result.data };
}

function log(level: 'WARN' | 'ERROR', message: string, record: SQSRecord, extra: Record<string, unknown>): void {
  const line = JSON.stringify({
    level,
    message,
    messageId: record.messageId,
    queue: record.eventSourceARN.split(':').at(-1),
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    ...extra,
  });
  if (level === 'ERROR') console.error(line);
  else console.warn(line);
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
