/**
 * Every function bundle of every service in one esbuild pass: one entry point per
 * handler module (ESM, minified, tree-shaken, node22, the options of
 * infra/bundling.ts), shared modules parsed once instead of once per function,
 * then one pass for the lazy bundles they reach. Each function's folder gets its
 * entry as `index.mjs` and a copy of every lazy bundle it reaches, so each
 * stands alone.
 *
 * Bundles are cached by input: each handler's bundle is kept with the list of files
 * esbuild read for it (its metafile inputs) and their contents' hashes, under a key of
 * the build options. A synth rebuilds, again in one pass, only the handlers one of
 * whose inputs changed, and hands CDK each bundle's hash so nothing is hashed twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { version as esbuildVersion, stop, type BuildOptions } from 'esbuild';
import { functionsOf, type ServiceManifest } from '../shared/manifest.ts';
import { buildLambdaBundles, esbuildOptions, LAMBDA_NODE_TARGET } from './bundling.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Next to the local runtime's builds, git-ignored, surviving `rm -rf cdk.out`. */
export const BUNDLE_ROOT = path.join(ROOT, '.local', 'lambda-bundles');
const RECORD_FILE = 'bundles.json';
/** Files that change how every module resolves or compiles without being a metafile input. */
const BUILD_CONFIGURATION = ['package.json', 'tsconfig.json', 'infra/bundling.ts'];

const options = {
  ...esbuildOptions,
  target: LAMBDA_NODE_TARGET,
  sourcemap: false,
  // Nothing is external: the SDK v3 clients a handler imports are bundled and tree-shaken.
  external: [],
} satisfies BuildOptions;

interface CacheRecord {
  /** esbuild version, options and build configuration: when it changes, nothing is reused. */
  key: string;
  /** Handler → its bundle's hash (also its folder below the root) and the inputs it was built from. */
  bundles: Record<string, { hash: string; inputs: string[] }>;
  /** Input path (relative to the repository) → sha256 of its contents when last built. */
  inputs: Record<string, string>;
}

/** The asset code of each handler module. */
export interface FunctionBundles {
  codeFor(handler: string): lambda.Code;
}

export interface BundleRun {
  bundles: FunctionBundles;
  /** Handler modules of the manifests (functions sharing one share its bundle). */
  entries: number;
  /** How many of them this run bundled; the others were unchanged. */
  built: number;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function hashOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path.resolve(ROOT, file)));
  } catch {
    return undefined;
  }
}

export async function bundleFunctions(manifests: ServiceManifest[], root = BUNDLE_ROOT): Promise<BundleRun> {
  const handlers = [...new Set(manifests.flatMap((manifest) => functionsOf(manifest).map((fn) => fn.spec.handler)))].sort();
  const configuration = await Promise.all(BUILD_CONFIGURATION.map(hashOf));
  const key = sha256(JSON.stringify({ esbuild: esbuildVersion, options, configuration }));
  const recordPath = path.join(root, RECORD_FILE);

  const previous = await readRecord(recordPath);
  const record: CacheRecord = previous?.key === key ? previous : { key, bundles: {}, inputs: {} };
  const current = Object.fromEntries(await Promise.all(Object.keys(record.inputs).map(async (input) => [input, await hashOf(input)] as const)));
  const stale = handlers.filter((handler) => {
    const bundle = record.bundles[handler];
    if (!bundle || !existsSync(path.join(root, bundle.hash, 'index.mjs'))) return true;
    return bundle.inputs.some((input) => current[input] === undefined || current[input] !== record.inputs[input]);
  });

  const removed = Object.keys(record.bundles).filter((handler) => !handlers.includes(handler));
  if (stale.length || removed.length) {
    if (stale.length) await buildInto(record, stale, root);
    for (const handler of removed) delete record.bundles[handler];
    forgetUnreadInputs(record);
    await writeFile(`${recordPath}.${process.pid}.tmp`, JSON.stringify(record));
    await rename(`${recordPath}.${process.pid}.tmp`, recordPath);
    await removeUnusedBundles(record, root);
  }

  const known = new Set(handlers);
  return {
    entries: handlers.length,
    built: stale.length,
    bundles: {
      codeFor(handler) {
        if (!known.has(handler)) throw new Error(`no bundle for ${handler}: it is in none of the manifests bundled`);
        const { hash } = record.bundles[handler];
        return lambda.Code.fromAsset(path.join(root, hash), { assetHash: hash, assetHashType: AssetHashType.CUSTOM });
      },
    },
  };
}

/** One esbuild pass over `handlers`; each bundle lands in a folder named by its hash. */
async function buildInto(record: CacheRecord, handlers: string[], root: string): Promise<void> {
  await mkdir(root, { recursive: true });
  const staging = path.join(root, `building-${process.pid}-${Date.now()}`);
  const entryNames = new Map(handlers.map((handler, index) => [`entry-${index}`, handler]));
  const result = await buildLambdaBundles({
    ...options,
    entryPoints: Object.fromEntries([...entryNames].map(([name, handler]) => [name, path.join(ROOT, handler)])),
    outdir: staging,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  // The passes are over: esbuild's service process ends now rather than idling through the synth.
  await stop();
  const inputs = new Set<string>();
  const outputs = result.metafile.outputs;
  for (const [name, handler] of entryNames) {
    const { loaded, lazy } = result.filesOf(result.entries.get(name)!);
    const files = [loaded, ...lazy];
    const contents = await Promise.all(files.map((file) => readFile(path.join(ROOT, file))));
    const digest = createHash('sha256');
    for (const [i, file] of files.entries()) digest.update(path.relative(staging, file)).update('\0').update(contents[i]);
    const hash = digest.digest('hex');
    const folder = path.join(root, hash);
    // Same hash, same contents: a folder already there is this very bundle.
    if (!existsSync(folder)) {
      const temp = `${folder}.${process.pid}.tmp`;
      await Promise.all(
        files.map(async (file, i) => {
          const target = i === 0 ? path.join(temp, 'index.mjs') : path.join(temp, path.relative(staging, path.join(ROOT, file)));
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, contents[i]);
        }),
      );
      await rename(temp, folder);
    }
    // Plugins' virtual modules (`node-builtin:fs`) are not files: only files decide staleness.
    const read = new Set(files.flatMap((file) => Object.keys(outputs[file].inputs)).filter((input) => !/^[a-z-]+:/.test(input)));
    record.bundles[handler] = { hash, inputs: [...read] };
    for (const input of read) inputs.add(input);
  }
  await Promise.all([...inputs].map(async (input) => (record.inputs[input] = (await hashOf(input))!)));
  await rm(staging, { recursive: true, force: true });
}

function forgetUnreadInputs(record: CacheRecord): void {
  const read = new Set(Object.values(record.bundles).flatMap((bundle) => bundle.inputs));
  for (const input of Object.keys(record.inputs)) if (!read.has(input)) delete record.inputs[input];
}

async function removeUnusedBundles(record: CacheRecord, root: string): Promise<void> {
  const used = new Set(Object.values(record.bundles).map((bundle) => bundle.hash));
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory() && /^[0-9a-f]{64}$/.test(entry.name) && !used.has(entry.name)) {
      await rm(path.join(root, entry.name), { recursive: true, force: true });
    }
  }
}

async function readRecord(file: string): Promise<CacheRecord | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
}

/**
 * Code for templates synthesized without bundling (`aws:cdk:bundling-stacks` empty, as in
 * template tests and `cdk ls`): such templates are never deployed.
 */
export function unbundledCode(): lambda.Code {
  const folder = path.join(os.tmpdir(), 'app-backends-unbundled');
  if (!existsSync(path.join(folder, 'index.mjs'))) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'index.mjs'), "export const handler = () => { throw new Error('synthesized without bundling'); };\n");
  }
  return lambda.Code.fromAsset(folder);
}

/** The CLI names the stacks to bundle; an empty list means a synth that deploys nothing. */
export function synthesizesWithoutBundling(app: Construct): boolean {
  const stacks = app.node.tryGetContext(cxapi.BUNDLING_STACKS) as string[] | undefined;
  return Array.isArray(stacks) && stacks.length === 0;
}
