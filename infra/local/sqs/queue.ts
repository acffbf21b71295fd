/**
 * One standard SQS queue in memory: delivery delays, visibility timeouts,
 * receive counts, receipt handles (a new one per receive; only the latest one
 * deletes) and redrive to a dead-letter queue once a message has been received
 * maxReceiveCount times. It never polls: one timer is armed for the next moment
 * a delayed or in-flight message becomes visible, and listeners (the event
 * source poller, long polls) are told whenever messages may be available.
 */
import { randomUUID } from 'node:crypto';
import { sqsErrors } from './errors.ts';
import { md5, md5OfAttributes, type MessageAttributeValue, type NewMessage } from './message.ts';

export interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  senderId: string;
  groupId?: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Until then the message is delayed (no receipt handle yet) or in flight. */
  visibleAt: number;
  /** The latest receive's handle. */
  receiptHandle?: string;
  /** Set once redriven: the queue the message came from. */
  deadLetterSourceArn?: string;
}

export interface QueueConfig {
  name: string;
  arn: string;
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  redrive?: { target: LocalQueue; maxReceiveCount: number };
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export class LocalQueue {
  readonly createdAt = Date.now();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private notifyPending = false;
  private closed = false;
  /** Told after every change to what the queue holds (persistence listens). */
  onMutation?: () => void;

  constructor(readonly config: QueueConfig) {}

  get name(): string {
    return this.config.name;
  }

  get size(): number {
    return this.messages.size;
  }

  send(message: NewMessage): StoredMessage {
    const now = Date.now();
    const stored: StoredMessage = {
      id: randomUUID(),
      body: message.body,
      md5OfBody: md5(message.body),
      attributes: message.attributes,
      md5OfAttributes: md5OfAttributes(message.attributes),
      senderId: message.senderId,
      groupId: message.groupId,
      sentAt: now,
      receiveCount: 0,
      visibleAt: now + message.delaySeconds * 1000,
    };
    this.messages.set(stored.id, stored);
    this.becomesVisibleAt(stored.visibleAt);
    this.onMutation?.();
    return stored;
  }

  /**
   * Receives up to `max` visible messages (and `maxBytes` of them, by
   * `sizeOf`), hiding each for the visibility timeout. Messages already received maxReceiveCount times move to the
   * dead-letter queue instead. Answers snapshots: the receipt handle and counts
   * as of this receive.
   */
  receive(max: number, visibilityTimeoutSeconds = this.config.visibilityTimeoutSeconds, maxBytes = Infinity): StoredMessage[] {
    const now = Date.now();
    const received: StoredMessage[] = [];
    const redrive = this.config.redrive;
    let redriven = 0;
    let bytes = 0;
    for (const message of this.messages.values()) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        this.messages.delete(message.id);
        redrive.target.adopt({ ...message, receiptHandle: undefined, visibleAt: now, deadLetterSourceArn: this.config.arn });
        redriven++;
        continue;
      }
      // A batch stays within `maxBytes` (an event source's payload quota), though never empty.
      if (received.length > 0 && bytes + sizeOf(message) > maxBytes) break;
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.receiptHandle = this.newReceiptHandle(message.id);
      bytes += sizeOf(message);
      received.push({ ...message });
    }
    if (received.length) this.becomesVisibleAt(now + visibilityTimeoutSeconds * 1000);
    if (received.length || redriven) {
      this.changed();
      this.onMutation?.();
    }
    return received;
  }

  /** Visible messages, counting no further than `limit`. */
  countVisible(limit: number): number {
    const now = Date.now();
    let count = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now && ++count >= limit) break;
    }
    return count;
  }

  /** Deletes the message if `receiptHandle` is its latest; an older handle of this queue is a silent no-op, as on SQS. */
  delete(receiptHandle: string): void {
    const id = this.messageIdOf(receiptHandle);
    const message = this.messages.get(id);
    if (message?.receiptHandle !== receiptHandle) return;
    this.messages.delete(id);
    this.changed();
    this.onMutation?.();
  }

  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const message = this.messages.get(this.messageIdOf(receiptHandle));
    if (message?.receiptHandle !== receiptHandle) {
      throw sqsErrors.invalidParameter(
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    }
    const now = Date.now();
    if (message.visibleAt <= now) throw sqsErrors.messageNotInflight();
    message.visibleAt = now + visibilityTimeoutSeconds * 1000;
    this.becomesVisibleAt(message.visibleAt);
    this.onMutation?.();
  }

  purge(): void {
    this.messages.clear();
    this.changed();
    this.onMutation?.();
  }

  /** Every message held (delayed, visible or in flight), as persistence writes them. */
  snapshot(): StoredMessage[] {
    return [...this.messages.values()].map((message) => ({ ...message }));
  }

  /** Takes back messages from a snapshot: ids, receipt handles, receive counts and visibility as they were. */
  restore(messages: StoredMessage[]): void {
    for (const message of messages) {
      this.messages.set(message.id, { ...message });
      this.becomesVisibleAt(message.visibleAt);
    }
    if (messages.length) this.changed();
  }

  counts(): QueueCounts {
    const now = Date.now();
    const counts: QueueCounts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) counts.visible++;
      else if (message.receiptHandle) counts.inFlight++;
      else counts.delayed++;
    }
    return counts;
  }

  /** Calls `listener` (soon, coalesced) whenever messages may have become available or the queue changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the next change, after `timeoutMs`, on abort, or when the queue closes. */
  waitForChange(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.subscribe(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Stops timers and releases everyone waiting. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  /** Takes in a message redriven from a source queue, keeping its id, timestamps and receive count. */
  private adopt(message: StoredMessage): void {
    this.messages.set(message.id, message);
    this.changed();
    this.onMutation?.();
  }

  private newReceiptHandle(messageId: string): string {
    return Buffer.from(`${this.config.name}\n${messageId}\n${randomUUID()}`).toString('base64url');
  }

  private messageIdOf(receiptHandle: string): string {
    const [queue, id, nonce] = Buffer.from(receiptHandle, 'base64url').toString().split('\n');
    if (queue !== this.config.name || !id || !nonce) throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
    return id;
  }

  private becomesVisibleAt(at: number): void {
    const now = Date.now();
    if (at <= now) {
      this.changed();
      return;
    }
    if (at >= this.timerAt || this.closed) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.onTimer(), at - now);
    this.timer.unref();
  }

  /** Some message became visible: wake listeners and re-arm for the next one. */
  private onTimer(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const message of this.messages.values()) if (message.visibleAt > now && message.visibleAt < next) next = message.visibleAt;
    if (next !== Infinity) this.becomesVisibleAt(next);
    this.changed();
  }

  private changed(): void {
    if (this.notifyPending || this.closed) return;
    this.notifyPending = true;
    setImmediate(() => {
      this.notifyPending = false;
      if (this.closed) return;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

/** What a message weighs in an SQS event: body and attributes, plus what a record carries besides them. */
export function sizeOf(message: StoredMessage): number {
  const RECORD_OVERHEAD_BYTES = 1024;
  return Buffer.byteLength(message.body) + Buffer.byteLength(JSON.stringify(message.attributes)) + RECORD_OVERHEAD_BYTES;
}
