/**
 * Per function: bundle size and cold import time, the latter as a ratio to a
 * bundle holding only the DynamoDB document client (what almost every handler
 * needs anyway). Each import runs in a fresh Node process, as a cold start does;
 * baseline and function imports alternate, so machine load drifting during the
 * run affects both sides of each ratio alike.
 */
import { execFileSync } from 'node:child_process';
import { functionsOf, type ServiceManifest } from '../shared/manifest.ts';
import { bundle } from '../infra/local/lambda/build.ts';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

function importOnceMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Median cold import of `file` and of the baseline, measured in alternation. */
function coldImport(file: string, baseline: string): { coldMs: number; baselineMs: number } {
  const own: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(importOnceMs(baseline));
    own.push(importOnceMs(file));
  }
  return { coldMs: median(own), baselineMs: median(base) };
}

export interface BundleFigure {
  service: string;
  functionId: string;
  /** What a cold start loads: the entry, one file. */
  kb: number;
  /** Lazy bundles loaded by `import()` when a request first needs them. */
  lazyKb: number;
  coldMs: number;
  ratio: number;
}

export async function benchBundles(services: ServiceManifest[]): Promise<{ baselineMs: number; baselineKb: number; rows: BundleFigure[] }> {
  const baseline = await bundle('bench/fixtures/dynamodb-client-only.ts');
  const rows: BundleFigure[] = [];
  const baselines: number[] = [];
  const byEntry = new Map<string, Omit<BundleFigure, 'service' | 'functionId'>>();
  for (const service of services) {
    for (const fn of functionsOf(service)) {
      let figure = byEntry.get(fn.spec.handler);
      if (!figure) {
        const built = await bundle(fn.spec.handler);
        const { coldMs, baselineMs } = coldImport(built.file, baseline.file);
        baselines.push(baselineMs);
        figure = { kb: built.bytes / 1024, lazyKb: built.lazyBytes / 1024, coldMs, ratio: coldMs / baselineMs };
        byEntry.set(fn.spec.handler, figure);
      }
      rows.push({ service: service.name, functionId: fn.id, ...figure });
    }
  }
  return { baselineMs: median(baselines), baselineKb: baseline.bytes / 1024, rows };
}
