/**
 * Runs functions the way Lambda does: each invocation gets an execution
 * environment (a worker thread) to itself; environments stay warm between
 * invocations and keep their module scope; concurrent invocations get more
 * environments; an invocation past its timeout kills its environment; an
 * environment left idle is retired, as Lambda reclaims idle ones (a burst's
 * extra environments would otherwise stay resident for as long as the runtime
 * runs, up to eight per function, for hundreds of functions); payloads over
 * Lambda's quotas are refused. What a function writes to stdout and
 * stderr reaches the runtime's log a line at a time, under the function's label.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { bundle } from './build.ts';
import { eachLine, formatFunctionLine } from './function-logs.ts';
import { REQUEST_TOO_LARGE, requestLimitOf, type InvocationType } from './payload-limits.ts';

export interface LocalFunction {
  /** `<service>-<id>`, the function name in events and logs. */
  name: string;
  /** `<service>/<id>`: how its log lines are prefixed. */
  label: string;
  /** Handler module path from the repository root. */
  entry: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
}

export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly stack_?: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

interface Environment {
  worker: Worker;
  busy: boolean;
  generation: number;
  lastUsedAt: number;
  pending?: { resolve: (value: unknown) => void; reject: (error: Error) => void; requestId: string };
}

/** More concurrent invocations than this per function wait for a free environment. */
const MAX_ENVIRONMENTS = 8;
/** Lambda gives the init phase (loading the module) its own 10 s, apart from the function timeout. */
const INIT_TIMEOUT_MS = 10_000;

type WorkerMessage = { init: 'ok' } | { init: 'failed'; error: RemoteError } | { requestId: string; ok: boolean; result?: string; error?: RemoteError };

interface RemoteError {
  errorType: string;
  errorMessage: string;
  stack?: string;
}

/**
 * The V8 heap Lambda's Node.js runtime gives a function, from its memory
 * setting (its bootstrap passes `--max-semi-space-size` and
 * `--max-old-space-size`): a tenth for the young generation, the rest for the
 * old. Without it each environment (a worker thread) would size its heap for
 * the whole machine: young generations of up to tens of megabytes each, which
 * under load fill and stay resident in every warm environment, and an old
 * generation allowed to reach gigabytes before V8 collects it in earnest.
 */
export function heapLimitsOf(memoryMb: number): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const young = Math.max(1, Math.floor(memoryMb / 10));
  return { maxYoungGenerationSizeMb: young, maxOldGenerationSizeMb: memoryMb - young };
}

export interface HostOptions {
  minify?: boolean;
  /** How long an environment may sit idle before it is retired. Default 120 s. */
  idleSeconds?: number;
  /** Receives every line functions write, formatted and labelled; one call per line. */
  log?: (line: string) => void;
}

export class LambdaHost {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly environments = new Map<string, Environment[]>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private generation = 0;
  private workerFile?: Promise<string>;
  /** Counts cold starts per function; read by tests and the benchmark. */
  readonly coldStarts = new Map<string, number>();
  private readonly idleMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: HostOptions = {}) {
    this.idleMs = (options.idleSeconds ?? 120) * 1000;
    this.sweeper = setInterval(() => this.retireIdle(), Math.min(this.idleMs, 30_000)).unref();
  }

  register(fn: LocalFunction): void {
    this.functions.set(fn.name, fn);
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  get(name: string): LocalFunction | undefined {
    return this.functions.get(name);
  }

  /** Builds what every environment boots from, ahead of the first invocation. */
  prepare(): Promise<unknown> {
    return this.bootstrap();
  }

  /** Execution environments alive now, across functions. */
  environmentCount(): number {
    let count = 0;
    for (const list of this.environments.values()) count += list.length;
    return count;
  }

  /** The V8 heaps of all live environments, in bytes: what the functions themselves hold. */
  async heapUsage(): Promise<{ used: number; total: number }> {
    const workers = [...this.environments.values()].flat().flatMap((env) => (env.worker ? [env.worker] : []));
    const stats = await Promise.all(workers.map((worker) => worker.getHeapStatistics().catch(() => undefined)));
    let used = 0;
    let total = 0;
    for (const stat of stats) {
      used += stat?.used_heap_size ?? 0;
      total += stat?.total_heap_size ?? 0;
    }
    return { used, total };
  }

  /** Code changed: idle environments go now, busy ones after their invocation. */
  invalidate(): void {
    this.generation++;
    for (const list of this.environments.values()) {
      for (const env of list.filter((e) => !e.busy)) this.discard(env, list);
    }
  }

  /** Invokes `name` with `event`: synchronously (API Gateway, event sources) unless `type` is `Event` (asynchronous). */
  async invoke(name: string, event: unknown, options: { type?: InvocationType } = {}): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    const payload = JSON.stringify(event);
    const limit = requestLimitOf(options.type ?? 'RequestResponse');
    const bytes = Buffer.byteLength(payload);
    if (bytes > limit)
      throw new FunctionError(
        REQUEST_TOO_LARGE,
        `Request must be smaller than ${limit} bytes for the ${options.type ?? 'RequestResponse'} invocation type; it is ${bytes} bytes.`,
      );
    const env = await this.acquire(fn);
    const requestId = randomUUID();
    const timeoutMs = fn.timeoutSeconds * 1000;
    const list = this.environments.get(name)!;
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.discard(env, list);
          reject(new FunctionError('Sandbox.Timedout', `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`));
        }, timeoutMs);
        env.pending = {
          requestId,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        env.worker.postMessage({ requestId, event: payload, deadline: Date.now() + timeoutMs, functionName: fn.name, memoryMb: fn.memoryMb });
      });
    } finally {
      env.pending = undefined;
      env.busy = false;
      env.lastUsedAt = Date.now();
      if (env.generation !== this.generation) this.discard(env, list);
      this.waiting.get(name)?.shift()?.();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.environments.values()].flat();
    this.environments.clear();
    // An environment still starting has no worker yet (a placeholder holding its slot).
    await Promise.all(all.map((env) => env.worker?.terminate()));
  }

  private async acquire(fn: LocalFunction): Promise<Environment> {
    let list = this.environments.get(fn.name);
    if (!list) {
      list = [];
      this.environments.set(fn.name, list);
    }
    for (;;) {
      const idle = list.find((env) => !env.busy && env.generation === this.generation);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (list.length < MAX_ENVIRONMENTS) {
        const env = await this.start(fn, list);
        env.busy = true;
        return env;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(fn.name) ?? [];
        queue.push(resolve);
        this.waiting.set(fn.name, queue);
      });
    }
  }

  private async start(fn: LocalFunction, list: Environment[]): Promise<Environment> {
    const generation = this.generation;
    // Reserve the slot before the awaits so concurrent callers don't overshoot the cap.
    const placeholder = { busy: true, generation, lastUsedAt: Date.now() } as Environment;
    list.push(placeholder);
    try {
      const [{ file }, workerFile] = await Promise.all([bundle(fn.entry, { minify: this.options.minify }), this.bootstrap()]);
      const worker = new Worker(workerFile, {
        workerData: { file },
        env: { ...fn.environment },
        stdout: true,
        stderr: true,
        resourceLimits: heapLimitsOf(fn.memoryMb),
      });
      worker.unref();
      Object.assign(placeholder, { worker });
      const log = this.options.log ?? ((line: string) => console.log(line));
      for (const stream of [worker.stdout, worker.stderr]) eachLine(stream, (line) => log(formatFunctionLine(fn.label, line)));
      let initialised!: (outcome: RemoteError | undefined) => void;
      const init = new Promise<RemoteError | undefined>((resolve) => (initialised = resolve));
      worker.on('message', (message: WorkerMessage) => {
        if ('init' in message) return initialised(message.init === 'ok' ? undefined : message.error);
        const pending = placeholder.pending;
        if (!pending || pending.requestId !== message.requestId) return;
        if (message.ok) pending.resolve(JSON.parse(message.result!));
        else pending.reject(new FunctionError(message.error!.errorType, message.error!.errorMessage, message.error!.stack));
      });
      worker.on('error', (error) => {
        initialised({ errorType: 'Runtime.ExitError', errorMessage: error.message, stack: error.stack });
        placeholder.pending?.reject(new FunctionError('Runtime.ExitError', error.message, error.stack));
        this.discard(placeholder, list);
      });
      worker.on('exit', (code) => {
        initialised({ errorType: 'Runtime.ExitError', errorMessage: `environment exited with code ${code}` });
        placeholder.pending?.reject(new FunctionError('Runtime.ExitError', `environment exited with code ${code}`));
        this.discard(placeholder, list);
      });
      this.coldStarts.set(fn.name, (this.coldStarts.get(fn.name) ?? 0) + 1);
      const timer = setTimeout(
        () => initialised({ errorType: 'Runtime.InitTimeout', errorMessage: `init did not finish within ${INIT_TIMEOUT_MS / 1000} s` }),
        INIT_TIMEOUT_MS,
      );
      const failure = await init;
      clearTimeout(timer);
      if (failure) {
        this.discard(placeholder, list);
        throw new FunctionError(failure.errorType, failure.errorMessage, failure.stack);
      }
      return placeholder;
    } catch (error) {
      const index = list.indexOf(placeholder);
      if (index >= 0) list.splice(index, 1);
      throw error;
    }
  }

  private retireIdle(): void {
    const before = Date.now() - this.idleMs;
    for (const list of this.environments.values()) {
      for (const env of list.filter((e) => !e.busy && e.lastUsedAt < before)) this.discard(env, list);
    }
  }

  private discard(env: Environment, list: Environment[]): void {
    const index = list.indexOf(env);
    if (index >= 0) list.splice(index, 1);
    void env.worker?.terminate();
  }

  private bootstrap(): Promise<string> {
    this.workerFile ??= bundle('infra/local/lambda/worker.ts', { minify: false }).then((b) => b.file);
    return this.workerFile;
  }
}
