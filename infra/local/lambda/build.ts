/**
 * Bundles handlers for the local runtime with the deploy-time esbuild options.
 * A bundle is reused while the files it was built from are unchanged: the
 * cache records each input by its path within this checkout and a digest of
 * its content (size and mtime only spare re-reading files untouched since), so
 * a copied checkout rebuilds from its own files, and restarts and test files
 * share one build.
 */
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { esbuildOptions } from '../../bundling.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const OUT_DIR = path.join(ROOT, '.local', 'build');
/** Bumped when the record's shape changes, so older records are rebuilt rather than misread. */
const RECORD_VERSION = 2;

interface InputRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface CacheRecord {
  version: number;
  /** Keyed by path relative to the checkout's root. */
  inputs: Record<string, InputRecord>;
}

export interface Bundle {
  file: string;
  bytes: number;
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
  const file = path.join(OUT_DIR, `${name}.mjs`);
  const recordFile = path.join(OUT_DIR, `${name}.json`);
  if (await isFresh(file, recordFile)) return { file, bytes: (await stat(file)).size };

  await mkdir(OUT_DIR, { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const result = await build({
    ...esbuildOptions,
    minify,
    entryPoints: [path.join(ROOT, entry)],
    outfile: temp,
    // Local Node may be older than Lambda's; syntax is lowered only where needed.
    target: `node${process.versions.node.split('.')[0]}`,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const inputs: Record<string, InputRecord> = {};
  for (const input of Object.keys(result.metafile!.inputs)) {
    const relative = path.relative(ROOT, path.resolve(ROOT, input));
    inputs[relative] = await describeInput(path.join(ROOT, relative));
  }
  // Rename is atomic: parallel test processes never import a half-written bundle.
  await rename(temp, file);
  const recordTemp = `${recordFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(recordTemp, JSON.stringify({ version: RECORD_VERSION, inputs } satisfies CacheRecord));
  await rename(recordTemp, recordFile);
  return { file, bytes: (await stat(file)).size };
}

async function describeInput(file: string): Promise<InputRecord> {
  const [info, content] = await Promise.all([stat(file), readFile(file)]);
  return { size: info.size, mtimeMs: info.mtimeMs, sha256: createHash('sha256').update(content).digest('hex') };
}

async function isFresh(file: string, recordFile: string): Promise<boolean> {
  try {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as CacheRecord;
    if (record.version !== RECORD_VERSION) return false;
    await stat(file);
    for (const [relative, recorded] of Object.entries(record.inputs)) {
      if (!(await unchanged(path.join(ROOT, relative), recorded))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Same size and mtime is taken as unchanged; anything else is settled by the content's digest. */
async function unchanged(file: string, recorded: InputRecord): Promise<boolean> {
  const info = await stat(file);
  if (info.size !== recorded.size) return false;
  if (info.mtimeMs === recorded.mtimeMs) return true;
  return (await describeInput(file)).sha256 === recorded.sha256;
}
