/**
 * Queues survive a restart the way SQS keeps them: with a data directory,
 * every message (delayed, visible or in flight, with its receive count and
 * visibility) is written to `queues.json` shortly after each change and on
 * stop, atomically (a temporary file renamed over the last one), and read back
 * at start. In-memory runs keep nothing.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocalQueue, StoredMessage } from './queue.ts';

const FORMAT_VERSION = 1;
/** Changes are gathered this long into one write. */
const WRITE_DELAY_MS = 200;

interface StateFile {
  version: number;
  queues: Record<string, StoredMessage[]>;
}

export class QueueStateFile {
  private timer?: NodeJS.Timeout;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly queues: () => LocalQueue[],
  ) {}

  static in(dataDir: string, queues: () => LocalQueue[]): QueueStateFile {
    return new QueueStateFile(path.join(dataDir, 'queues.json'), queues);
  }

  /** The messages kept by the last run, by queue name. */
  async read(): Promise<Record<string, StoredMessage[]>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const state = JSON.parse(text) as StateFile;
    if (state.version !== FORMAT_VERSION) throw new Error(`${this.file}: unknown format version ${state.version}`);
    return state.queues;
  }

  /** Writes soon, once for a burst of changes. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, WRITE_DELAY_MS);
  }

  /** Writes what the queues hold now, after any write under way. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
  }

  private write(): Promise<void> {
    const state: StateFile = { version: FORMAT_VERSION, queues: Object.fromEntries(this.queues().map((queue) => [queue.name, queue.snapshot()])) };
    const next = this.writes.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(state));
      await rename(temp, this.file);
    });
    this.writes = next.catch(() => undefined);
    return next;
  }
}
