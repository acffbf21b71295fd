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
 * A function that needs a provider's SDK on its requests (the Twilio REST
 * client, OpenAI, S3, libphonenumber-js's metadata, the AAC decoder) pays that
 * SDK's import whoever wrote it, so it is also compared with the simplest
 * function holding the same SDKs beside the DynamoDB client, bundled by
 * esbuild's defaults: what is left is what this platform and the handler add.
 * Only what a cold start loads counts (not the lazy bundles of `import()`s).
 * Each import runs in a fresh Node process, as a cold start does; baseline and
 * function imports alternate, so machine load drifting during the run affects
 * both sides of each ratio alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/** Median cold import of each file, the files imported in turn `RUNS` times. */
function coldImports(files: string[]): number[] {
  const samples = files.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [at, file] of files.entries()) samples[at].push(importOnceMs(file));
  }
  return samples.map(median);
}

const BASELINE = 'bench/fixtures/dynamodb-client-only.ts';

/** Provider SDKs, each as the simplest function would hold it: imported, its client built at module scope. */
const PROVIDER_SDKS: { name: string; input: string; code: string }[] = [
  {
    name: 'twilio',
    input: 'node_modules/twilio/',
    // The SDK's client and the resources this project calls, as shared/providers/twilio.ts imports them.
    code: "import { twilioAccount } from '#shared/providers/twilio';\nexport const twilio = twilioAccount({ accountSid: 'AC0', authToken: 'token' });",
  },
  { name: 'openai', input: 'node_modules/openai/', code: "import OpenAI from 'openai';\nexport const openai = new OpenAI({ apiKey: 'key' });" },
  { name: 's3', input: 'node_modules/@aws-sdk/client-s3/', code: "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});" },
  { name: 'libphonenumber', input: 'node_modules/libphonenumber-js/', code: "export { parsePhoneNumberFromString } from 'libphonenumber-js/max';" },
  { name: 'aac-decoder', input: 'node_modules/@audio/decode-aac/', code: "export { default as decodeAac } from '@audio/decode-aac';" },
];

/** A function bundled as esbuild bundles a Lambda function by default: ESM, minified, tree-shaken, nothing of this project's. */
async function defaultBundle(entry: string): Promise<string> {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-')), 'index.mjs');
  await build({
    entryPoints: [entry],
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

/** The DynamoDB-only function with these SDKs beside its client, bundled by esbuild's defaults. */
async function sdkBaseline(names: string[], cache: Map<string, Promise<string>>): Promise<string> {
  const key = names.join('+');
  let built = cache.get(key);
  if (!built) {
    const dir = path.join(ROOT, '.local', 'bench');
    mkdirSync(dir, { recursive: true });
    const entry = path.join(dir, `dynamodb-client-and-${names.join('-')}.ts`);
    const sdks = PROVIDER_SDKS.filter((sdk) => names.includes(sdk.name)).map((sdk) => sdk.code);
    writeFileSync(entry, [`export * from '${path.join(ROOT, BASELINE)}';`, ...sdks, ''].join('\n'));
    built = defaultBundle(entry);
    cache.set(key, built);
  }
  return built;
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
  /** The provider SDKs its cold start loads. */
  sdks: string[];
  /** To the DynamoDB-only function with the same SDKs, bundled by default (the ratio above for a function with none). */
  sdkRatio: number;
}

export interface BundleBench {
  /** The DynamoDB-only function bundled by default: median cold import. */
  defaultMs: number;
  /** The same bundled as this project bundles. */
  ownMs: number;
  baselineKb: number;
  /** Per set of SDKs: the median cold import of its baseline. */
  sdkBaselineMs: Record<string, number>;
  rows: BundleFigure[];
}

export async function benchBundles(services: ServiceManifest[]): Promise<BundleBench> {
  const baseline = await bundle(BASELINE);
  const byDefault = await defaultBundle(path.join(ROOT, BASELINE));
  const sdkBaselines = new Map<string, Promise<string>>();
  const rows: BundleFigure[] = [];
  const defaults: number[] = [];
  const owns: number[] = [];
  const sdkSamples: Record<string, number[]> = {};
  const byEntry = new Map<string, Omit<BundleFigure, 'service' | 'functionId'>>();
  for (const service of services) {
    for (const fn of functionsOf(service)) {
      let figure = byEntry.get(fn.spec.handler);
      if (!figure) {
        const built = await bundle(fn.spec.handler);
        const sdks = PROVIDER_SDKS.filter((sdk) => built.entryInputs.some((input) => input.startsWith(sdk.input))).map((sdk) => sdk.name);
        const files = [byDefault, baseline.file, built.file];
        if (sdks.length) files.push(await sdkBaseline(sdks, sdkBaselines));
        const [defaultMs, ownMs, coldMs, withSdksMs = defaultMs] = coldImports(files);
        defaults.push(defaultMs);
        owns.push(ownMs);
        if (sdks.length) sdkSamples[sdks.join('+')] = [...(sdkSamples[sdks.join('+')] ?? []), withSdksMs];
        figure = {
          kb: built.bytes / 1024,
          lazyKb: built.lazyBytes / 1024,
          coldMs,
          ratio: coldMs / defaultMs,
          ownRatio: coldMs / ownMs,
          sdks,
          sdkRatio: coldMs / withSdksMs,
        };
        byEntry.set(fn.spec.handler, figure);
      }
      rows.push({ service: service.name, functionId: fn.id, ...figure });
    }
  }
  const sdkBaselineMs = Object.fromEntries(Object.entries(sdkSamples).map(([key, samples]) => [key, median(samples)]));
  return { defaultMs: median(defaults), ownMs: median(owns), baselineKb: baseline.bytes / 1024, sdkBaselineMs, rows };
}
