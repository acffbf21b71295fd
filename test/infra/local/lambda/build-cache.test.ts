import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../../infra/local/lambda/build.ts';

type BundleModule = typeof import('../../../../infra/local/lambda/build.ts');

/** A minimal checkout: the bundler's own modules, one handler, and the dependencies it resolves. */
async function checkout(dir: string, version: string): Promise<void> {
  await mkdir(path.join(dir, 'infra', 'local', 'lambda'), { recursive: true });
  await cp(path.join(ROOT, 'infra', 'bundling.ts'), path.join(dir, 'infra', 'bundling.ts'));
  await cp(path.join(ROOT, 'infra', 'local', 'lambda', 'build.ts'), path.join(dir, 'infra', 'local', 'lambda', 'build.ts'));
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await writeHandler(dir, version);
}

const writeHandler = (dir: string, version: string) => writeFile(path.join(dir, 'handler.ts'), `export const handler = async () => '${version}';\n`);

async function bundledVersion(dir: string): Promise<string> {
  const { bundle } = (await import(pathToFileURL(path.join(dir, 'infra', 'local', 'lambda', 'build.ts')).href)) as BundleModule;
  const { file } = await bundle('handler.ts', { minify: false });
  const { handler } = await import(`${pathToFileURL(file).href}?t=${Date.now()}`);
  return handler();
}

describe('the local build cache', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'build-cache-'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('serves a copied checkout its own edits, not bundles of the tree it was copied from', async () => {
    const original = path.join(parent, 'original');
    await checkout(original, 'original');
    expect(await bundledVersion(original)).toBe('original');

    // A copy keeps file times (cp -a, rsync -a), the cache under .local/ included.
    const copy = path.join(parent, 'copy');
    await cp(original, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    await writeHandler(copy, 'edited in the copy');

    expect(await bundledVersion(copy)).toBe('edited in the copy');
    expect(await bundledVersion(original)).toBe('original');
  });

  it('records inputs by their path within the checkout and a digest of their content', async () => {
    const record = JSON.parse(await readFile(path.join(parent, 'copy', '.local', 'build', 'handler.dev.json'), 'utf8'));
    // The build's own definition is an input too: changing the esbuild options rebuilds.
    expect(Object.keys(record.inputs).sort()).toEqual(['handler.ts', 'infra/bundling.ts']);
    expect(record.inputs['handler.ts'].sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
