/**
 * Per function: bundle size and cold import time, the latter as ratios to a
 * function holding only the DynamoDB document client (what almost every
 * handler needs anyway), bundled two ways:
 * - as esbuild bundles it by default for Lambda (ESM, minified: what
 *   `NodejsFunction` does): the fixed yardstick, the cost of the simplest
 *   function deployed with standard tooling;
 * - with this project's bundling (infra/bundling.ts), which makes that
 *   function cheaper too, so this ratio shows only what the platform and the
 *   handler add.
 * Each import runs in a fresh Node process, as a cold start does; baseline and
 * function imports alternate, so machine load drifting during the run affects
 * both sides of each ratio alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE_SHIM, LAMBDA_NODE_TARGET } from '../infra/bundling.ts';
import { bundle, ROOT } from '../infra/local/lambda/build.ts';
import { functionsOf, type ServiceManifest } from '../shared/manifest.ts';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

function importOnceMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Median cold import of `file` and of both baselines, measured in alternation. */
function coldImport(file: string, baselines: Baselines): { coldMs: number; defaultMs: number; ownMs: number } {
  const own: number[] = [];
  const byDefault: number[] = [];
  const byOwn: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    byDefault.push(importOnceMs(baselines.byDefault));
    byOwn.push(importOnceMs(baselines.byOwn));
    own.push(importOnceMs(file));
  }
  return { coldMs: median(own), defaultMs: median(byDefault), ownMs: median(byOwn) };
}

const BASELINE = 'bench/fixtures/dynamodb-client-only.ts';

interface Baselines {
  byDefault: string;
  byOwn: string;
}

/** The baseline as esbuild bundles a Lambda function by default: ESM, minified, tree-shaken, nothing of this project's. */
async function defaultBundle(): Promise<string> {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-')), 'index.mjs');
  await build({
    entryPoints: [path.join(ROOT, BASELINE)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    target: LAMBDA_NODE_TARGET,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_SHIM },
    logLevel: 'silent',
  });
  return outfile;
}

export interface BundleFigure {
  service: string;
  functionId: string;
  /** What a cold start loads: the entry, one file. */
  kb: number;
  /** Lazy bundles loaded by `import()` when a request first needs them. */
  lazyKb: number;
  coldMs: number;
  /** To the DynamoDB-only function as esbuild bundles it by default. */
  ratio: number;
  /** To the DynamoDB-only function bundled as this project bundles. */
  ownRatio: number;
}

export interface BundleBench {
  /** The DynamoDB-only function bundled by default: median cold import. */
  defaultMs: number;
  /** The same bundled as this project bundles. */
  ownMs: number;
  baselineKb: number;
  rows: BundleFigure[];
}

export async function benchBundles(services: ServiceManifest[]): Promise<BundleBench> {
  const baseline = await bundle(BASELINE);
  const baselines: Baselines = { byDefault: await defaultBundle(), byOwn: baseline.file };
  const rows: BundleFigure[] = [];
  const defaults: number[] = [];
  const owns: number[] = [];
  const byEntry = new Map<string, Omit<BundleFigure, 'service' | 'functionId'>>();
  for (const service of services) {
    for (const fn of functionsOf(service)) {
      let figure = byEntry.get(fn.spec.handler);
      if (!figure) {
        const built = await bundle(fn.spec.handler);
        const { coldMs, defaultMs, ownMs } = coldImport(built.file, baselines);
        defaults.push(defaultMs);
        owns.push(ownMs);
        figure = { kb: built.bytes / 1024, lazyKb: built.lazyBytes / 1024, coldMs, ratio: coldMs / defaultMs, ownRatio: coldMs / ownMs };
        byEntry.set(fn.spec.handler, figure);
      }
      rows.push({ service: service.name, functionId: fn.id, ...figure });
    }
  }
  return { defaultMs: median(defaults), ownMs: median(owns), baselineKb: baseline.bytes / 1024, rows };
}
