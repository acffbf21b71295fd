/**
 * The SQS API as `@aws-sdk/client-sqs` speaks it: the AWS JSON 1.0 protocol
 * (POST, `x-amz-target: AmazonSQS.<Action>`, a JSON body) at /_aws/sqs and
 * below it, where queue URLs live. Queues come from the manifests, so actions
 * that create, delete or reconfigure queues answer UnsupportedOperation.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT } from '../addresses.ts';
import { readBody, sendJson } from '../component.ts';
import type { LocalQueue, StoredMessage } from './queue.ts';
import { SqsError, sqsErrors } from './errors.ts';
import { MAX_MESSAGE_BYTES, md5OfAttributes, validateMessage, type MessageAttributeValue, type NewMessage } from './message.ts';

export interface QueueDirectory {
  get(name: string): LocalQueue | undefined;
  list(): LocalQueue[];
}

type Input = Record<string, unknown>;
type Action = (input: Input, call: Call) => unknown | Promise<unknown>;
interface Call {
  senderId: string;
  /** Aborts when the caller hangs up (ends a long poll early). */
  signal: AbortSignal;
}

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_BATCH_ENTRIES = 10;
const MAX_VISIBILITY_SECONDS = 43_200;
const MAX_WAIT_SECONDS = 20;
/** Generous for a 1 MiB message once JSON-escaped. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const QUEUE_ATTRIBUTE_NAMES = new Set([
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
]);
const UNSUPPORTED_ACTIONS = new Set([
  'CreateQueue',
  'DeleteQueue',
  'SetQueueAttributes',
  'TagQueue',
  'UntagQueue',
  'ListQueueTags',
  'AddPermission',
  'RemovePermission',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
  'ListMessageMoveTasks',
]);

export class SqsApi {
  private readonly actions: Record<string, Action>;
  /** Per queue: SendMessageBatch entries still to fail on the service side. */
  private readonly injectedEntryFailures = new Map<string, number>();

  constructor(
    private readonly queues: QueueDirectory,
    private readonly urlOf: (queueName: string) => string,
  ) {
    this.actions = {
      SendMessage: (input, call) => this.sendMessage(input, call),
      SendMessageBatch: (input, call) => this.sendMessageBatch(input, call),
      ReceiveMessage: (input, call) => this.receiveMessage(input, call),
      DeleteMessage: (input) => this.deleteMessage(input),
      DeleteMessageBatch: (input) => this.deleteMessageBatch(input),
      ChangeMessageVisibility: (input) => this.changeMessageVisibility(input),
      ChangeMessageVisibilityBatch: (input) => this.changeMessageVisibilityBatch(input),
      GetQueueUrl: (input) => this.getQueueUrl(input),
      GetQueueAttributes: (input) => this.getQueueAttributes(input),
      PurgeQueue: (input) => {
        this.queueOf(input).purge();
        return {};
      },
      ListQueues: (input) => this.listQueues(input),
    };
  }

  /**
   * Makes the next `count` SendMessageBatch entries to a queue fail with
   * InternalError, as SQS now and then does, so senders' retries can be exercised.
   */
  failNextBatchEntries(queueName: string, count: number): void {
    this.injectedEntryFailures.set(queueName, count);
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId };
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AmazonSQS.')) throw sqsErrors.unsupportedProtocol();
      const actionName = target.slice('AmazonSQS.'.length);
      if (UNSUPPORTED_ACTIONS.has(actionName)) throw sqsErrors.unsupportedOperation(actionName);
      const action = this.actions[actionName];
      if (!action) throw sqsErrors.invalidAction(actionName);
      const raw = await readBody(req, MAX_REQUEST_BYTES);
      if (!raw) throw sqsErrors.invalidParameter(`The request is larger than ${MAX_REQUEST_BYTES} bytes.`);
      const input = parseInput(raw);
      const output = await action(input, { senderId: senderIdOf(req), signal: abort.signal });
      if (!res.destroyed) sendJson(res, 200, output, headers);
    } catch (error) {
      if (res.destroyed) return;
      if (!(error instanceof SqsError)) throw error;
      const { status, headers: errorHeaders, body } = error.wire;
      sendJson(res, status, body, { ...headers, ...errorHeaders });
    }
  }

  private sendMessage(input: Input, call: Call) {
    const queue = this.queueOf(input);
    const message = newMessage(input, queue, call.senderId);
    validateMessage(message);
    return sentResult(queue.send(message));
  }

  private sendMessageBatch(input: Input, call: Call) {
    const queue = this.queueOf(input);
    const entries = batchEntries(input);
    const totalBytes = entries.reduce((sum, entry) => sum + (typeof entry.MessageBody === 'string' ? Buffer.byteLength(entry.MessageBody) : 0), 0);
    if (totalBytes > MAX_MESSAGE_BYTES) throw sqsErrors.batchTooLong(totalBytes, MAX_MESSAGE_BYTES);
    return eachEntry(entries, (entry) => {
      const message = newMessage(entry, queue, call.senderId);
      validateMessage(message);
      const injected = this.injectedEntryFailures.get(queue.name) ?? 0;
      if (injected > 0) {
        this.injectedEntryFailures.set(queue.name, injected - 1);
        throw sqsErrors.internalError();
      }
      return sentResult(queue.send(message));
    });
  }

  private async receiveMessage(input: Input, call: Call) {
    const queue = this.queueOf(input);
    const max = integer(input, 'MaxNumberOfMessages', 1, MAX_BATCH_ENTRIES) ?? 1;
    const visibility = integer(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_SECONDS);
    const waitSeconds = integer(input, 'WaitTimeSeconds', 0, MAX_WAIT_SECONDS) ?? 0;
    const systemNames = new Set([...(strings(input, 'AttributeNames') ?? []), ...(strings(input, 'MessageSystemAttributeNames') ?? [])]);
    const attributeNames = strings(input, 'MessageAttributeNames') ?? [];
    const deadline = Date.now() + waitSeconds * 1000;
    let messages = queue.receive(max, visibility);
    while (messages.length === 0 && Date.now() < deadline && !call.signal.aborted && !queue.isClosed) {
      await queue.waitForChange(deadline - Date.now(), call.signal);
      if (call.signal.aborted) return {};
      messages = queue.receive(max, visibility);
    }
    if (messages.length === 0) return {};
    return { Messages: messages.map((m) => receivedMessage(m, systemNames, attributeNames)) };
  }

  private deleteMessage(input: Input) {
    this.queueOf(input).delete(text(input, 'ReceiptHandle', true)!);
    return {};
  }

  private deleteMessageBatch(input: Input) {
    const queue = this.queueOf(input);
    return eachEntry(batchEntries(input), (entry) => {
      queue.delete(text(entry, 'ReceiptHandle', true)!);
      return {};
    });
  }

  private changeMessageVisibility(input: Input) {
    const queue = this.queueOf(input);
    queue.changeVisibility(text(input, 'ReceiptHandle', true)!, requiredVisibility(input));
    return {};
  }

  private changeMessageVisibilityBatch(input: Input) {
    const queue = this.queueOf(input);
    return eachEntry(batchEntries(input), (entry) => {
      queue.changeVisibility(text(entry, 'ReceiptHandle', true)!, requiredVisibility(entry));
      return {};
    });
  }

  private getQueueUrl(input: Input) {
    const name = text(input, 'QueueName', true)!;
    const owner = text(input, 'QueueOwnerAWSAccountId');
    if (!this.queues.get(name) || (owner !== undefined && owner !== LOCAL_ACCOUNT)) throw sqsErrors.queueDoesNotExist();
    return { QueueUrl: this.urlOf(name) };
  }

  private getQueueAttributes(input: Input) {
    const queue = this.queueOf(input);
    const names = strings(input, 'AttributeNames') ?? [];
    for (const name of names) if (!QUEUE_ATTRIBUTE_NAMES.has(name)) throw sqsErrors.invalidAttributeName(name);
    const all = queueAttributes(queue);
    const wanted = names.includes('All') ? Object.keys(all) : names;
    return { Attributes: Object.fromEntries(wanted.filter((name) => name in all).map((name) => [name, all[name]])) };
  }

  private listQueues(input: Input) {
    const prefix = text(input, 'QueueNamePrefix') ?? '';
    const maxResults = integer(input, 'MaxResults', 1, 1000);
    const offset = Number(text(input, 'NextToken') ?? 0) || 0;
    const urls = this.queues
      .list()
      .map((queue) => queue.name)
      .filter((name) => name.startsWith(prefix))
      .sort()
      .map((name) => this.urlOf(name));
    if (maxResults === undefined) return urls.length ? { QueueUrls: urls } : {};
    const page = urls.slice(offset, offset + maxResults);
    const next = offset + maxResults < urls.length ? { NextToken: String(offset + maxResults) } : {};
    return page.length ? { QueueUrls: page, ...next } : {};
  }

  private queueOf(input: Input): LocalQueue {
    const url = text(input, 'QueueUrl', true)!;
    let segments: string[];
    try {
      segments = new URL(url).pathname.split('/').filter(Boolean);
    } catch {
      throw sqsErrors.invalidAddress(url);
    }
    const [account, name] = segments.slice(-2);
    const queue = this.queues.get(name);
    if (!queue || account !== LOCAL_ACCOUNT) throw sqsErrors.queueDoesNotExist();
    return queue;
  }
}

function parseInput(raw: Buffer): Input {
  try {
    const input: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    if (input && typeof input === 'object' && !Array.isArray(input)) return input as Input;
  } catch {
    // answered below
  }
  throw sqsErrors.invalidParameter('The request body is not a JSON object.');
}

/** The access key the caller signed with stands in for the IAM principal SQS reports as SenderId. */
function senderIdOf(req: IncomingMessage): string {
  return /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? LOCAL_ACCOUNT;
}

function newMessage(input: Input, queue: LocalQueue, senderId: string): NewMessage {
  const body = input.MessageBody;
  if (body !== undefined && typeof body !== 'string') throw sqsErrors.invalidParameter('MessageBody must be a string.');
  return {
    body: body ?? '',
    attributes: messageAttributes(input.MessageAttributes),
    delaySeconds: integer(input, 'DelaySeconds', 0, Infinity) ?? queue.config.delaySeconds,
    senderId,
    groupId: text(input, 'MessageGroupId'),
  };
}

/** Keeps only the value field the data type uses; validateMessage checks the rest. */
function messageAttributes(value: unknown): Record<string, MessageAttributeValue> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw sqsErrors.invalidParameter('MessageAttributes must be a map.');
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, raw] of Object.entries(value as Record<string, Partial<MessageAttributeValue>>)) {
    const dataType = raw?.DataType;
    if (typeof dataType !== 'string') throw sqsErrors.invalidParameter(`The message attribute '${name}' must contain a DataType.`);
    out[name] = dataType.startsWith('Binary') ? { DataType: dataType, BinaryValue: raw.BinaryValue } : { DataType: dataType, StringValue: raw.StringValue };
  }
  return out;
}

function sentResult(message: StoredMessage) {
  return {
    MessageId: message.id,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
  };
}

function receivedMessage(message: StoredMessage, systemNames: Set<string>, attributeNames: string[]) {
  const system: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
    MessageGroupId: message.groupId,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const attributes = Object.fromEntries(
    Object.entries(system).filter(([name, value]) => value !== undefined && (systemNames.has('All') || systemNames.has(name))),
  );
  const messageAttributes = Object.fromEntries(
    Object.entries(message.attributes).filter(([name]) => attributeNames.some((pattern) => attributeMatches(pattern, name))),
  );
  const md5OfMessageAttributes = md5OfAttributes(messageAttributes);
  return {
    MessageId: message.id,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
    ...(md5OfMessageAttributes ? { MessageAttributes: messageAttributes, MD5OfMessageAttributes: md5OfMessageAttributes } : {}),
  };
}

/** `All`, `.*`, `prefix.*` or an exact name. */
function attributeMatches(pattern: string, name: string): boolean {
  if (pattern === 'All' || pattern === '.*') return true;
  return pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function queueAttributes(queue: LocalQueue): Record<string, string> {
  const { config } = queue;
  const counts = queue.counts();
  const created = String(Math.floor(queue.createdAt / 1000));
  return {
    QueueArn: config.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: String(config.visibilityTimeoutSeconds),
    MaximumMessageSize: String(MAX_MESSAGE_BYTES),
    DelaySeconds: String(config.delaySeconds),
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'false',
    ...(config.redrive
      ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: config.redrive.target.config.arn, maxReceiveCount: config.redrive.maxReceiveCount }) }
      : {}),
  };
}

type Entry = Input & { Id: string };

function batchEntries(input: Input): Entry[] {
  const entries = input.Entries;
  if (entries !== undefined && !Array.isArray(entries)) throw sqsErrors.invalidParameter('Entries must be a list.');
  if (!entries?.length) throw sqsErrors.emptyBatch();
  if (entries.length > MAX_BATCH_ENTRIES) throw sqsErrors.tooManyEntries(entries.length);
  const seen = new Set<string>();
  for (const entry of entries as Entry[]) {
    const id = entry?.Id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw sqsErrors.invalidBatchEntryId(String(id));
    if (seen.has(id)) throw sqsErrors.idsNotDistinct(id);
    seen.add(id);
  }
  return entries as Entry[];
}

/** Runs `apply` per entry; an entry's SQS error is reported as that entry's failure, as batch actions do. */
function eachEntry(entries: Entry[], apply: (entry: Entry) => object) {
  const Successful: object[] = [];
  const Failed: object[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...apply(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function text(input: Input, name: string, required = false): string | undefined {
  const value = input[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw sqsErrors.missingParameter(name);
    return undefined;
  }
  if (typeof value !== 'string') throw sqsErrors.invalidParameter(`Value for parameter ${name} must be a string.`);
  return value;
}

function integer(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw sqsErrors.invalidParameter(`Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: must be ${range}.`);
  }
  return value;
}

function requiredVisibility(input: Input): number {
  const seconds = integer(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_SECONDS);
  if (seconds === undefined) throw sqsErrors.missingParameter('VisibilityTimeout');
  return seconds;
}

function strings(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw sqsErrors.invalidParameter(`${name} must be a list of strings.`);
  return value as string[];
}
