/**
 * `npm run bench:soak`: the runtime serving every service (its own DynamoDB Local,
 * in memory) under mixed HTTP, WebSocket and queue traffic (bench/soak-load.ts, in
 * another process), with this process's memory sampled as it goes: a runtime
 * that runs all day levels off.
 *   --minutes <n>          how long the traffic runs (default 10; fractions allowed)
 *   --sample-seconds <n>   how often memory is sampled (default 15)
 *   --concurrency <n>      loops of each kind of traffic (default 2)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { services } from '../functions/services.ts';
import { ROOT } from '../infra/local/lambda/build.ts';
import { startRuntime } from '../infra/local/runtime.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'sample-seconds': { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '2' },
  },
});
const seconds = Math.round(Number(values.minutes) * 60);
const sampleMs = Number(values['sample-seconds']) * 1000;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0).padStart(6);

/** The first failures the runtime reports, shown at the end (the rest only counted). */
const failures: string[] = [];
let failureCount = 0;
const runtime = await startRuntime({
  services,
  log: (line) => {
    if (!line.startsWith('✖')) return;
    failureCount++;
    if (failures.length < 5) failures.push(line);
  },
});
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const started = Date.now();
console.log(`Soak: ${seconds} s of traffic against ${runtime.url}, memory every ${sampleMs / 1000} s\n`);
console.log('     s   rss MB  main heap MB  functions heap MB (used/total)  environments  DynamoDB Local rss MB');
/** Resident memory of another process (Linux), for DynamoDB Local's JVM. */
const rssOf = (pid: number | undefined) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
  } catch {
    return Number.NaN;
  }
};
const sample = async () => {
  const m = process.memoryUsage();
  const heaps = await runtime.host.heapUsage();
  const at = String(Math.round((Date.now() - started) / 1000)).padStart(6);
  const functions = `${mb(heaps.used)} / ${mb(heaps.total)}`.padStart(30);
  console.log(
    `${at}   ${mb(m.rss)}        ${mb(m.heapUsed)}  ${functions}  ${String(runtime.host.environmentCount()).padStart(12)}  ${mb(rssOf(runtime.dynamoPid)).padStart(21)}`,
  );
};
await sample();
const sampler = setInterval(() => void sample(), sampleMs);
try {
  const load = spawn(
    process.execPath,
    [tsx, path.join(ROOT, 'bench/soak-load.ts'), '--url', runtime.url, '--seconds', String(seconds), '--concurrency', values.concurrency],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  load.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => load.once('exit', resolve));
  await sample();
  console.log(`\ntraffic: ${output.trim()}${code ? ` (load generator exited with ${code})` : ''}`);
  console.log(`runtime failures: ${failureCount}${failures.map((line) => `\n  ${line}`).join('')}`);
} finally {
  clearInterval(sampler);
  await runtime.stop();
}
