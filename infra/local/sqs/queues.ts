/**
 * Every manifest queue and its dead-letter queue, in memory with SQS semantics
 * (queue.ts), reachable through the SQS API at /_aws/sqs (api.ts)
 * and drained into each consumer by its event source poller (poller.ts).
 * With a data directory what they hold survives restarts (queue-state-file.ts).
 * Developers read the counts at GET /_local/queues.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { functionsOf, queueSettings, timeoutOf } from '../../../shared/manifest.ts';
import { addresses, LOCAL_ACCOUNT } from '../addresses.ts';
import { sendJson, type Component, type RuntimeContext } from '../component.ts';
import { SqsApi } from './api.ts';
import { LocalQueue, type QueueConfig, type QueueCounts } from './queue.ts';
import { validateMessage, type MessageAttributeValue } from './message.ts';
import { QueuePoller } from './poller.ts';
import { QueueStateFile } from './queue-state-file.ts';

const VIEW_PATH = '/_local/queues';
/** SQS's default for a queue created without settings, which is how the stacks create DLQs. */
const DLQ_VISIBILITY_SECONDS = 30;

export interface QueueStats extends QueueCounts {
  batchesInFlight: number;
}

export class QueueService implements Component {
  private readonly queues = new Map<string, LocalQueue>();
  private readonly pollers = new Map<string, QueuePoller>();
  private readonly deadLetterQueues = new Map<string, string>();
  private readonly api: SqsApi;
  private readonly apiPath = addresses.sqsEndpoint('');
  private readonly stateFile?: QueueStateFile;
  /** Until the kept state is read, stopping must not overwrite it. */
  private restored = false;

  constructor(private readonly ctx: RuntimeContext) {
    for (const manifest of ctx.services) {
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'queue') continue;
        const queue = fn.trigger.queue;
        const settings = queueSettings(queue);
        const name = addresses.queueName(manifest.name, queue.name);
        if (settings.visibilityTimeoutSeconds < timeoutOf(queue.consumer)) {
          // AWS refuses such an event source mapping: a batch could reappear while its consumer still runs.
          throw new Error(
            `queue ${name}: visibilityTimeoutSeconds (${settings.visibilityTimeoutSeconds}) is shorter than its consumer's timeout (${timeoutOf(queue.consumer)} s)`,
          );
        }
        const dlq = this.add(addresses.dlqName(manifest.name, queue.name), { visibilityTimeoutSeconds: DLQ_VISIBILITY_SECONDS, delaySeconds: 0 });
        const main = this.add(name, {
          visibilityTimeoutSeconds: settings.visibilityTimeoutSeconds,
          delaySeconds: settings.deliveryDelaySeconds,
          redrive: { target: dlq, maxReceiveCount: settings.maxReceiveCount },
        });
        this.deadLetterQueues.set(name, dlq.name);
        this.pollers.set(name, new QueuePoller(main, settings, ctx.functionName(manifest.name, fn.id), ctx));
      }
    }
    this.api = new SqsApi({ get: (n) => this.queues.get(n), list: () => [...this.queues.values()] }, (n) => this.urlOf(n));
    if (ctx.dataDir) this.stateFile = QueueStateFile.in(ctx.dataDir, () => [...this.queues.values()]);
  }

  async start(): Promise<void> {
    if (this.stateFile) {
      const kept = await this.stateFile.read();
      this.restored = true;
      for (const [name, messages] of Object.entries(kept)) {
        const queue = this.queues.get(name);
        if (queue) queue.restore(messages);
        else if (messages.length) this.ctx.log(`⚠ queues: ${messages.length} kept message(s) of ${name} dropped: no manifest declares that queue any more`);
      }
      for (const queue of this.queues.values()) queue.onMutation = () => this.stateFile!.changed();
    }
    for (const poller of this.pollers.values()) poller.start();
  }

  async stop(): Promise<void> {
    for (const poller of this.pollers.values()) poller.stop();
    if (this.restored) await this.stateFile?.flush();
    for (const queue of this.queues.values()) queue.close();
  }

  describe(): string[] {
    return [...this.pollers.values()].map((poller) => {
      const s = poller.settings;
      const window = s.batchingWindowSeconds ? ` within ${s.batchingWindowSeconds} s` : '';
      return `queue    ${this.urlOf(poller.queue.name)}  → ${poller.functionName}  (batch ${s.batchSize}${window}, visibility ${s.visibilityTimeoutSeconds} s, maxReceive ${s.maxReceiveCount}, DLQ ${this.deadLetterQueues.get(poller.queue.name)})`;
    });
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (path === this.apiPath || path.startsWith(`${this.apiPath}/`)) {
      await this.api.serve(req, res);
      return true;
    }
    if (path === VIEW_PATH || path === `${VIEW_PATH}/`) {
      if (req.method !== 'GET') sendJson(res, 405, { message: 'use GET' }, { allow: 'GET' });
      else sendJson(res, 200, { queues: [...this.queues.keys()].sort().map((name) => this.view(name)) });
      return true;
    }
    return false;
  }

  /** Sends as SendMessage does (same checks); answers the message id. */
  send(queueName: string, body: string, options: { delaySeconds?: number; attributes?: Record<string, MessageAttributeValue> } = {}): string {
    const queue = this.queue(queueName);
    const message = { body, attributes: options.attributes ?? {}, delaySeconds: options.delaySeconds ?? queue.config.delaySeconds, senderId: LOCAL_ACCOUNT };
    validateMessage(message);
    return queue.send(message).id;
  }

  /** The next `count` SendMessageBatch entries to the queue fail on the service side, so senders' retries can be exercised. */
  injectSendFailures(queueName: string, count: number): void {
    this.api.failNextBatchEntries(this.queue(queueName).name, count);
  }

  stats(queueName: string): QueueStats {
    return { ...this.queue(queueName).counts(), batchesInFlight: this.pollers.get(queueName)?.batchesInFlight ?? 0 };
  }

  /** Resolves once the queue holds no message and no batch of it is being processed. */
  async drained(queueName: string, timeoutMs = 10_000): Promise<void> {
    const queue = this.queue(queueName);
    const poller = this.pollers.get(queueName);
    const deadline = Date.now() + timeoutMs;
    while (queue.size > 0 || (poller?.batchesInFlight ?? 0) > 0) {
      if (Date.now() >= deadline) throw new Error(`queue ${queueName} not drained after ${timeoutMs} ms: ${JSON.stringify(this.stats(queueName))}`);
      // A batch can finish without changing the queue (a failed one), so the wait is also bounded.
      await queue.waitForChange(Math.min(deadline - Date.now(), 50));
    }
  }

  /** Every queue with a consumer drained (dead-letter queues keep what they hold). */
  async waitForIdle(timeoutMs = 10_000): Promise<void> {
    await Promise.all([...this.pollers.keys()].map((name) => this.drained(name, timeoutMs)));
  }

  private add(name: string, settings: Omit<QueueConfig, 'name' | 'arn'>): LocalQueue {
    const queue = new LocalQueue({ name, arn: `arn:aws:sqs:us-east-1:${LOCAL_ACCOUNT}:${name}`, ...settings });
    this.queues.set(name, queue);
    return queue;
  }

  private queue(name: string): LocalQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no queue ${name} (queues: ${[...this.queues.keys()].join(', ')})`);
    return queue;
  }

  private urlOf(name: string): string {
    return addresses.queueUrl(this.ctx.baseUrl, name);
  }

  private view(name: string) {
    const poller = this.pollers.get(name);
    return {
      name,
      url: this.urlOf(name),
      consumer: poller?.functionName ?? null,
      deadLetterQueue: this.deadLetterQueues.get(name) ?? null,
      ...this.stats(name),
    };
  }
}
