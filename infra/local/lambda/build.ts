/**
 * Bundles handlers for the local runtime with the deploy-time esbuild options.
 * A bundle is reused while the files it was built from are unchanged: the
 * cache records each input by its path within this checkout and a digest of
 * its content (size and mtime only spare re-reading files untouched since), so
 * a copied checkout rebuilds from its own files, and restarts and test files
 * share one build.
 *
 * A bundle is a folder (`index.mjs` and the lazy bundles of its `import()`s,
 * see infra/bundling.ts) named by its contents: a rebuild lands in a new folder and
 * the record is switched to it, so a process importing the old one never reads
 * a half-written file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildLambdaBundles, esbuildOptions } from '../../bundling.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT_DIR = path.join(ROOT, '.local', 'build');
/** Bumped when the record's shape changes, so older records are rebuilt rather than misread. */
const RECORD_VERSION = 7;
// package.json too: its `sideEffects` decides which modules a bundle may leave out.
const BUILD_DEFINITION = ['infra/bundling.ts', 'package.json', 'package-lock.json'];

interface InputRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface CacheRecord {
  version: number;
  /** The bundle's folder, relative to OUT_DIR. */
  folder: string;
  bytes: number;
  lazyBytes: number;
  entryInputs: string[];
  /** Keyed by path relative to the checkout's root. */
  inputs: Record<string, InputRecord>;
}

export interface Bundle {
  /** The entry module (`index.mjs`). */
  file: string;
  /** Of the entry: what a cold start reads. */
  bytes: number;
  /** Of the lazy bundles only `import()` reaches, read when first needed. */
  lazyBytes: number;
  /** The files the entry module holds (relative to the checkout's root): what a cold start loads. */
  entryInputs: string[];
}

const inFlight = new Map<string, Promise<Bundle>>();

/** `entry` is relative to the repository root. */
export function bundle(entry: string, options: { minify?: boolean } = {}): Promise<Bundle> {
  const key = `${entry}|${options.minify ?? true}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = bundleUncached(entry, options.minify ?? true).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function bundleUncached(entry: string, minify: boolean): Promise<Bundle> {
  const name = entry.replace(/\.ts$/, '').replace(/[^A-Za-z0-9]+/g, '_') + (minify ? '' : '.dev');
  const recordFile = path.join(OUT_DIR, `${name}.json`);
  const fresh = await freshRecord(recordFile);
  if (fresh) return { file: path.join(OUT_DIR, fresh.folder, 'index.mjs'), bytes: fresh.bytes, lazyBytes: fresh.lazyBytes, entryInputs: fresh.entryInputs };

  await mkdir(OUT_DIR, { recursive: true });
  const temp = path.join(OUT_DIR, `${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const result = await buildLambdaBundles({
    ...esbuildOptions,
    minify,
    entryPoints: { index: path.join(ROOT, entry) },
    outdir: temp,
    // Local Node may be older than Lambda's; syntax is lowered only where needed.
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const inputs: Record<string, InputRecord> = {};
  // The build's own options are an input too: a change to them rebuilds every bundle.
  for (const input of [...(await existing(BUILD_DEFINITION)), ...fileInputs(result.metafile)]) {
    const relative = path.relative(ROOT, path.resolve(ROOT, input));
    inputs[relative] = await describeInput(path.join(ROOT, relative));
  }
  const digest = createHash('sha256');
  for (const output of Object.keys(result.metafile.outputs).sort())
    digest.update(output.slice(path.relative(ROOT, temp).length)).update(await readFile(path.join(ROOT, output)));
  const folder = `${name}/${digest.digest('hex').slice(0, 16)}`;
  await mkdir(path.join(OUT_DIR, name), { recursive: true });
  try {
    await rename(temp, path.join(OUT_DIR, folder));
  } catch {
    // Another process built the same contents first: its folder is this bundle.
    await rm(temp, { recursive: true, force: true });
  }
  const recordTemp = `${recordFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const { loaded, lazy } = result.filesOf(result.entries.get('index')!);
  const bytesOf = (file: string) => result.metafile.outputs[file].bytes;
  const sizes = { bytes: bytesOf(loaded), lazyBytes: lazy.reduce((total, file) => total + bytesOf(file), 0) };
  const entryInputs = fileInputs({ inputs: result.metafile.outputs[loaded].inputs });
  await writeFile(recordTemp, JSON.stringify({ version: RECORD_VERSION, folder, ...sizes, entryInputs, inputs } satisfies CacheRecord));
  await rename(recordTemp, recordFile);
  return { file: path.join(OUT_DIR, folder, 'index.mjs'), ...sizes, entryInputs };
}

async function existing(files: string[]): Promise<string[]> {
  const present = await Promise.all(
    files.map((file) =>
      stat(path.join(ROOT, file)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.filter((_, i) => present[i]);
}

/** The metafile's inputs that are files (plugins' virtual modules are namespaced: `node-builtin:fs`). */
const fileInputs = (metafile: { inputs: Record<string, unknown> }) => Object.keys(metafile.inputs).filter((input) => !/^[a-z-]+:/.test(input));

async function describeInput(file: string): Promise<InputRecord> {
  const [info, content] = await Promise.all([stat(file), readFile(file)]);
  return { size: info.size, mtimeMs: info.mtimeMs, sha256: createHash('sha256').update(content).digest('hex') };
}

async function freshRecord(recordFile: string): Promise<CacheRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as CacheRecord;
    if (record.version !== RECORD_VERSION) return undefined;
    await stat(path.join(OUT_DIR, record.folder, 'index.mjs'));
    for (const [relative, recorded] of Object.entries(record.inputs)) {
      if (!(await unchanged(path.join(ROOT, relative), recorded))) return undefined;
    }
    return record;
  } catch {
    return undefined;
  }
}

/** Same size and mtime is taken as unchanged; anything else is settled by the content's digest. */
async function unchanged(file: string, recorded: InputRecord): Promise<boolean> {
  const info = await stat(file);
  if (info.size !== recorded.size) return false;
  if (info.mtimeMs === recorded.mtimeMs) return true;
  return (await describeInput(file)).sha256 === recorded.sha256;
}
