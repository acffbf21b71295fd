/**
 * Enqueues work from a handler. Jobs travel as JSON bodies; a queue is named
 * as in the manifest and found through the URL the stack (or the local
 * runtime) puts in the environment of functions granted `sendsTo` it. Each job
 * carries the current correlation id as a message attribute, so the consumer's
 * logs join the request's.
 */
import { SendMessageBatchCommand, SendMessageCommand, SQSClient, type BatchResultErrorEntry, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import { envNames } from '../manifest.ts';
import { CORRELATION_ATTRIBUTE, currentCorrelationId } from '../observability/correlation.ts';
import { mapConcurrently } from '../concurrency.ts';

// Pure: bundles that import this module but never send drop the client.
const sqs = /* @__PURE__ */ new SQSClient({});

const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 262_144;
/** Batches of one sendJobs call in flight at once. */
const PARALLEL_BATCHES = 4;
/** Attempts for entries SQS failed on its side; the SDK already retries whole-request failures. */
const ENTRY_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 50;

export interface SendOptions {
  /** Seconds before the job is first delivered (0-900); the queue's default otherwise. */
  delaySeconds?: number;
  /** Jobs of one group are delivered fairly against other groups (and in order on FIFO queues). */
  groupId?: string;
}

/** Some jobs could not be enqueued; `failures` lists them by their index in the payloads. */
export class EnqueueError extends Error {
  constructor(
    readonly queueName: string,
    readonly failures: { index: number; code: string; message: string }[],
  ) {
    super(`could not enqueue ${failures.length} job(s) to ${queueName}: ${failures.map((f) => `#${f.index} ${f.code}`).join(', ')}`);
    this.name = 'EnqueueError';
  }
}

function correlationAttributes(): Record<string, MessageAttributeValue> | undefined {
  const id = currentCorrelationId();
  return id === undefined ? undefined : { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: id } };
}

export function queueUrl(queueName: string): string {
  const variable = envNames.queueUrl(queueName);
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set: is queue "${queueName}" in this function's access.sendsTo?`);
  return url;
}

/** Enqueues one job; answers its message id. */
export async function sendJob(queueName: string, payload: unknown, options: SendOptions = {}): Promise<string> {
  const output = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl(queueName),
      MessageBody: JSON.stringify(payload),
      MessageAttributes: correlationAttributes(),
      DelaySeconds: options.delaySeconds,
      MessageGroupId: options.groupId,
    }),
  );
  return output.MessageId!;
}

/**
 * Enqueues many jobs in batches of up to 10 (and 256 KiB). Entries SQS fails on
 * its side are retried alone, with backoff; entries it refuses (the caller's
 * fault) are not. Throws EnqueueError naming every job that did not make it.
 */
export async function sendJobs(queueName: string, payloads: unknown[], options: SendOptions = {}): Promise<void> {
  const url = queueUrl(queueName);
  const attributes = correlationAttributes();
  const batches = batchesOf(
    payloads.map((payload, index) => ({ index, body: JSON.stringify(payload) })),
    // Message attributes count against the batch's size too.
    attributes ? Buffer.byteLength(JSON.stringify(attributes)) : 0,
  );
  const failures = (await mapConcurrently(batches, PARALLEL_BATCHES, (batch) => sendBatch(url, batch, options, attributes))).flat();
  if (failures.length)
    throw new EnqueueError(
      queueName,
      failures.sort((a, b) => a.index - b.index),
    );
}

interface Job {
  index: number;
  body: string;
}

async function sendBatch(
  url: string,
  jobs: Job[],
  options: SendOptions,
  attributes: Record<string, MessageAttributeValue> | undefined,
): Promise<EnqueueError['failures']> {
  let pending = jobs;
  const refused: EnqueueError['failures'] = [];
  for (let attempt = 1; ; attempt++) {
    const output = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: pending.map((job) => ({
          Id: String(job.index),
          MessageBody: job.body,
          MessageAttributes: attributes,
          DelaySeconds: options.delaySeconds,
          MessageGroupId: options.groupId,
        })),
      }),
    );
    const failed = new Map((output.Failed ?? []).map((entry: BatchResultErrorEntry) => [Number(entry.Id), entry]));
    const failure = (job: Job) => ({ index: job.index, code: failed.get(job.index)!.Code ?? 'Unknown', message: failed.get(job.index)!.Message ?? '' });
    refused.push(...pending.filter((job) => failed.get(job.index)?.SenderFault).map(failure));
    pending = pending.filter((job) => failed.has(job.index) && !failed.get(job.index)!.SenderFault);
    if (pending.length === 0) return refused;
    if (attempt === ENTRY_ATTEMPTS) return [...refused, ...pending.map(failure)];
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_BASE_MS * 2 ** attempt * (0.5 + Math.random())));
  }
}

/** Consecutive jobs, at most 10 and 256 KiB (bodies and `attributeBytes` each) per batch. */
function batchesOf(jobs: Job[], attributeBytes: number): Job[][] {
  const batches: Job[][] = [];
  let current: Job[] = [];
  let bytes = 0;
  for (const job of jobs) {
    const size = Buffer.byteLength(job.body) + attributeBytes;
    if (current.length === MAX_BATCH_ENTRIES || (current.length && bytes + size > MAX_BATCH_BYTES)) {
      batches.push(current);
      [current, bytes] = [[], 0];
    }
    current.push(job);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}
