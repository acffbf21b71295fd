/**
 * The outbox at `/_local/outbox`: local provider adapters (shared/providers)
 * POST every message that would have gone out; developers read it with
 * `npm run outbox` or GET, tests with `list()` and `waitFor()`.
 *   POST   {channel, to, service?, payload} → 201 the stored record
 *   GET    ?channel=&to=&service=&since=    → {messages: [...]}, oldest first
 *   DELETE                                  → 204, everything cleared
 * Tests can make a channel's provider fail (`failNext`, `failAlways`): the
 * POST is then answered 503 and nothing is recorded, so the adapter throws as
 * it would on a provider outage, and retries can be exercised.
 * Records live in memory (the latest 10,000, so a runtime left running all
 * day does not grow) and, with a data directory, in `outbox.jsonl` too, all of
 * them, the latest reloaded on start.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { OutboxFilter, OutboxRecord } from '../../../shared/providers/outbox.ts';
import { addresses } from '../addresses.ts';
import { readBody, sendJson, type Component, type RuntimeContext } from '../component.ts';

const PATH = new URL(addresses.outbox('http://local')).pathname;
const MAX_BODY_BYTES = 1024 * 1024;
const KEPT_RECORDS = 10_000;

function matches(record: OutboxRecord, filter: OutboxFilter): boolean {
  return (
    (filter.channel === undefined || record.channel === filter.channel) &&
    (filter.to === undefined || record.to === filter.to) &&
    (filter.service === undefined || record.service === filter.service) &&
    (filter.since === undefined || Date.parse(record.at) >= Date.parse(filter.since))
  );
}

class BadRequest extends Error {}

function filterOf(query: URLSearchParams): OutboxFilter {
  const filter: OutboxFilter = {};
  for (const name of ['channel', 'to', 'service', 'since'] as const) {
    const value = query.get(name);
    if (value !== null) filter[name] = value;
  }
  if (filter.since !== undefined && Number.isNaN(Date.parse(filter.since))) throw new BadRequest('since must be an ISO date-time');
  return filter;
}

function messageOf(body: Buffer): Pick<OutboxRecord, 'channel' | 'to' | 'service' | 'payload'> {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequest('the body must be JSON');
  }
  if (typeof input !== 'object' || input === null) throw new BadRequest('the body must be a JSON object');
  const { channel, to, service, payload } = input as Record<string, unknown>;
  if (typeof channel !== 'string' || !channel) throw new BadRequest('channel must be a non-empty string');
  if (typeof to !== 'string' || !to) throw new BadRequest('to must be a non-empty string');
  if (service !== undefined && service !== null && typeof service !== 'string') throw new BadRequest('service must be a string');
  if (!('payload' in input)) throw new BadRequest('payload is required');
  return { channel, to, service: service ?? null, payload };
}

interface Waiter {
  filter: OutboxFilter;
  resolve(record: OutboxRecord): void;
  reject(error: Error): void;
}

export class Outbox implements Component {
  private records: OutboxRecord[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly file?: string;
  /** File writes in arrival order, so the file replays as memory saw it. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Per channel, how many more messages to refuse (Infinity: all, until cleared). */
  private readonly failures = new Map<string, number>();
  private readonly refusals = new Map<string, number>();

  constructor(
    readonly ctx: RuntimeContext,
    readonly options: { dataDir?: string } = {},
  ) {
    this.file = options.dataDir && path.join(options.dataDir, 'outbox.jsonl');
  }

  async start(): Promise<void> {
    if (!this.file) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.records.push(JSON.parse(line) as OutboxRecord);
      } catch {
        this.ctx.log(`⚠ outbox: skipped an unreadable line of ${this.file}`);
      }
    }
    this.records = this.records.slice(-KEPT_RECORDS);
  }

  async stop(): Promise<void> {
    for (const waiter of this.waiters) waiter.reject(new Error('the outbox stopped'));
    this.waiters.clear();
    await this.writes;
  }

  describe(): string[] {
    return [`outbox   GET     ${addresses.outbox(this.ctx.baseUrl)}  (npm run outbox)`];
  }

  /** Records matching the filter, oldest first. */
  list(filter: OutboxFilter = {}): OutboxRecord[] {
    return this.records.filter((record) => matches(record, filter));
  }

  /** The first record matching the filter, already there or yet to arrive (the deadline is generous: only a failure waits it out). */
  waitFor(filter: OutboxFilter, timeoutMs = 20_000): Promise<OutboxRecord> {
    const existing = this.list(filter)[0];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        filter,
        resolve: (record) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(record);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const seen = this.records.map((r) => `${r.channel}→${r.to}`).join(', ') || 'none';
        waiter.reject(new Error(`no outbox record matching ${JSON.stringify(filter)} within ${timeoutMs} ms (records: ${seen})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async add(message: Pick<OutboxRecord, 'channel' | 'to' | 'service' | 'payload'>): Promise<OutboxRecord> {
    const record: OutboxRecord = { id: randomUUID(), at: new Date().toISOString(), ...message };
    this.records.push(record);
    if (this.records.length > KEPT_RECORDS) this.records.shift();
    await this.persist(() => appendFile(this.file!, `${JSON.stringify(record)}\n`));
    for (const waiter of this.waiters) if (matches(record, waiter.filter)) waiter.resolve(record);
    return record;
  }

  /** The next `count` messages of `channel` are refused (503) and not recorded, as by a failing provider. */
  failNext(channel: string, count = 1): void {
    this.failures.set(channel, count);
  }

  /** Every message of `channel` is refused until `clearFailures`. */
  failAlways(channel: string): void {
    this.failures.set(channel, Infinity);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Messages of `channel` refused so far by `failNext`/`failAlways`. */
  refused(channel: string): number {
    return this.refusals.get(channel) ?? 0;
  }

  /** Whether this message of `channel` is refused (and counts it). */
  private refuses(channel: string): boolean {
    const remaining = this.failures.get(channel) ?? 0;
    if (remaining <= 0) return false;
    this.failures.set(channel, remaining - 1);
    this.refusals.set(channel, this.refused(channel) + 1);
    return true;
  }

  async clear(): Promise<void> {
    this.records = [];
    await this.persist(() => writeFile(this.file!, ''));
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== PATH && url.pathname !== `${PATH}/`) return false;
    try {
      switch (req.method) {
        case 'GET':
          sendJson(res, 200, { messages: this.list(filterOf(url.searchParams)) });
          break;
        case 'POST': {
          const body = await readBody(req, MAX_BODY_BYTES);
          if (!body) throw new BadRequest(`the body exceeds ${MAX_BODY_BYTES} bytes`);
          const message = messageOf(body);
          if (this.refuses(message.channel)) sendJson(res, 503, { message: `the ${message.channel} provider is failing (injected by a test)` });
          else sendJson(res, 201, await this.add(message));
          break;
        }
        case 'DELETE':
          await this.clear();
          res.writeHead(204);
          res.end();
          break;
        default:
          sendJson(res, 405, { message: `${req.method} is not allowed here` }, { allow: 'GET, POST, DELETE' });
      }
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      sendJson(res, 400, { message: error.message });
    }
    return true;
  }

  private persist(write: () => Promise<void>): Promise<void> {
    if (!this.file) return Promise.resolve();
    const next = this.writes.then(write);
    this.writes = next.catch(() => undefined);
    return next;
  }
}
