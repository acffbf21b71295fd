/**
 * Per function: bundle size and cold import time, the latter as a ratio to a
 * bundle holding only the DynamoDB document client (what almost every handler
 * needs anyway). Each import runs in a fresh Node process, as a cold start does.
 */
import { execFileSync } from 'node:child_process';
import { functionsOf, type ServiceManifest } from '../shared/manifest.ts';
import { bundle } from '../infra/local/build.ts';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

function coldImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

export interface BundleFigure {
  service: string;
  functionId: string;
  kb: number;
  coldMs: number;
  ratio: number;
}

export async function benchBundles(services: ServiceManifest[]): Promise<{ baselineMs: number; baselineKb: number; rows: BundleFigure[] }> {
  const baseline = await bundle('bench/fixtures/dynamodb-client-only.ts');
  const baselineMs = coldImportMs(baseline.file);
  const rows: BundleFigure[] = [];
  const byEntry = new Map<string, { kb: number; coldMs: number }>();
  for (const service of services) {
    for (const fn of functionsOf(service)) {
      let figure = byEntry.get(fn.spec.handler);
      if (!figure) {
        const built = await bundle(fn.spec.handler);
        figure = { kb: built.bytes / 1024, coldMs: coldImportMs(built.file) };
        byEntry.set(fn.spec.handler, figure);
      }
      rows.push({ service: service.name, functionId: fn.id, ...figure, ratio: figure.coldMs / baselineMs });
    }
  }
  return { baselineMs, baselineKb: baseline.bytes / 1024, rows };
}
