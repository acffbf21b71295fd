/**
 * The Lambda event source mapping of one queue: gathers up to batchSize
 * visible messages (waiting up to the batching window for a full batch;
 * fewer when more would pass Lambda's 6 MB payload quota),
 * invokes the consumer with an SQS event, then deletes what succeeded. A
 * thrown error or timeout deletes nothing: the batch reappears once its
 * visibility timeout ends, and redrive moves it to the DLQ after
 * maxReceiveCount receives. With reportBatchItemFailures only the records the
 * consumer names in `batchItemFailures` stay; an answer that names an unknown
 * record, or is not an object, fails the whole batch, as on AWS.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { queueSettings } from '../../../shared/manifest.ts';
import type { RuntimeContext } from '../component.ts';
import { SYNC_PAYLOAD_BYTES } from '../lambda/payload-limits.ts';
import type { LocalQueue, StoredMessage } from './queue.ts';

/** Batches of one queue in flight at once; the rest wait in the queue, as with a capped event source mapping. */
const MAX_CONCURRENT_BATCHES = 5;
const REGION = 'us-east-1';

export type QueueSettings = ReturnType<typeof queueSettings>;

export class QueuePoller {
  private running = 0;
  private stopped = true;
  private windowOpenedAt?: number;
  private windowTimer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    readonly queue: LocalQueue,
    readonly settings: QueueSettings,
    readonly functionName: string,
    private readonly ctx: Pick<RuntimeContext, 'host' | 'log'>,
  ) {}

  /** Batches being processed right now. */
  get batchesInFlight(): number {
    return this.running;
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.queue.subscribe(() => this.pump());
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.windowTimer);
  }

  private pump(): void {
    const { batchSize, batchingWindowSeconds, visibilityTimeoutSeconds } = this.settings;
    while (!this.stopped && this.running < MAX_CONCURRENT_BATCHES) {
      const available = this.queue.countVisible(batchSize);
      if (available === 0) {
        this.closeWindow();
        return;
      }
      if (available < batchSize && batchingWindowSeconds > 0) {
        const now = Date.now();
        this.windowOpenedAt ??= now;
        const closesAt = this.windowOpenedAt + batchingWindowSeconds * 1000;
        if (now < closesAt) {
          this.windowTimer ??= setTimeout(() => {
            this.windowTimer = undefined;
            this.pump();
          }, closesAt - now);
          return;
        }
      }
      this.closeWindow();
      const messages = this.queue.receive(batchSize, visibilityTimeoutSeconds, SYNC_PAYLOAD_BYTES);
      if (messages.length === 0) continue;
      this.running++;
      void this.deliver(messages).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private closeWindow(): void {
    this.windowOpenedAt = undefined;
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
  }

  private async deliver(messages: StoredMessage[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((m) => sqsRecord(m, this.queue.config.arn)) };
    const where = `${this.functionName} (queue ${this.queue.name})`;
    let result: unknown;
    try {
      result = await this.ctx.host.invoke(this.functionName, event);
    } catch (error) {
      if (this.stopped) return;
      const { name, message } = error as Error;
      this.ctx.log(`✖ ${where}: ${name}: ${message}; ${messages.length} message(s) retried after the visibility timeout`);
      return;
    }
    if (this.stopped) return;
    const failed = this.settings.reportBatchItemFailures ? failedRecords(result, messages) : new Set<string>();
    if (failed === 'all') {
      this.ctx.log(`✖ ${where}: invalid batchItemFailures response ${JSON.stringify(result)}; the whole batch of ${messages.length} is retried`);
      return;
    }
    for (const message of messages) if (!failed.has(message.id)) this.queue.delete(message.receiptHandle!);
    if (failed.size) this.ctx.log(`⚠ ${where}: ${failed.size} of ${messages.length} record(s) reported failed; retried after the visibility timeout`);
  }
}

/** The ids of the records the consumer reported failed, or 'all' when its answer is not a valid batch response. */
function failedRecords(result: unknown, messages: StoredMessage[]): Set<string> | 'all' {
  if (result === null || result === undefined) return new Set();
  if (typeof result !== 'object' || Array.isArray(result)) return 'all';
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set(messages.map((m) => m.id));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

/** One record of the event Lambda's SQS event source delivers. */
function sqsRecord(message: StoredMessage, queueArn: string): SQSRecord {
  const record: SQSRecord = {
    messageId: message.id,
    receiptHandle: message.receiptHandle!,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: message.senderId,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
      ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        {
          dataType: value.DataType,
          ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : { binaryValue: value.BinaryValue }),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: REGION,
  };
  if (message.md5OfAttributes) record.md5OfMessageAttributes = message.md5OfAttributes;
  return record;
}
