/**
 * Local gateway throughput on a trivial route: the runtime in this process, the
 * load generator (autocannon) in another, over real sockets.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { startRuntime } from '../infra/local/runtime.ts';
import type { ServiceManifest } from '../shared/manifest.ts';

const run = promisify(execFile);
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export async function loadTest(
  url: string,
  options: { connections?: number; seconds?: number; method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const args = [autocannonBin, '--json', '-c', String(options.connections ?? 32), '-d', String(options.seconds ?? 8)];
  if (options.method) args.push('-m', options.method);
  if (options.body) args.push('-b', options.body);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  args.push(url);
  const { stdout } = await run(process.execPath, args, { maxBuffer: 10 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return {
    requestsPerSecond: result.requests.average as number,
    p50Ms: result.latency.p50 as number,
    p99Ms: result.latency.p99 as number,
    non2xx: result.non2xx as number,
    errors: result.errors as number,
  };
}

export async function benchGateway(services: ServiceManifest[], dynamoEndpoint?: string) {
  const runtime = await startRuntime({ services, dynamoEndpoint, log: () => undefined });
  try {
    const url = `${runtime.url}/liftlog/health`;
    await fetch(url); // cold start outside the measurement
    return { url: '/liftlog/health', ...(await loadTest(url)) };
  } finally {
    await runtime.stop();
  }
}
