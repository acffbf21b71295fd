/**
 * Bundles handlers for the local runtime with the deploy-time esbuild options.
 * A bundle is reused while none of the files it was built from changed (checked
 * through esbuild's metafile), so restarts and test files share one build.
 */
import { build } from 'esbuild';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { esbuildOptions } from '../bundling.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, '.local', 'build');

interface CacheRecord {
  inputs: Record<string, number>;
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
  const inputs: Record<string, number> = {};
  for (const input of Object.keys(result.metafile!.inputs)) {
    const absolute = path.resolve(ROOT, input);
    inputs[absolute] = (await stat(absolute)).mtimeMs;
  }
  // Rename is atomic: parallel test processes never import a half-written bundle.
  await rename(temp, file);
  await writeFile(`${recordFile}.${process.pid}.tmp`, JSON.stringify({ inputs } satisfies CacheRecord));
  await rename(`${recordFile}.${process.pid}.tmp`, recordFile);
  return { file, bytes: (await stat(file)).size };
}

async function isFresh(file: string, recordFile: string): Promise<boolean> {
  try {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as CacheRecord;
    await stat(file);
    for (const [input, mtime] of Object.entries(record.inputs)) {
      if ((await stat(input)).mtimeMs !== mtime) return false;
    }
    return true;
  } catch {
    return false;
  }
}
