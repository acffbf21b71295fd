/**
 * Project modules are declared free of side effects (package.json's
 * `sideEffects`), so a bundle leaves out what its handler does not use, and a
 * bare import of a module missing from that list fails the build rather than
 * being dropped in silence (infra/bundling.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambdaBundles, esbuildOptions } from '../../../../infra/bundling.ts';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ type: 'module', sideEffects: ['./registers.ts'] }),
  'registry.ts': 'export const registered: string[] = [];\n',
  'registers.ts': "import { registered } from './registry.ts';\nregistered.push('multipart');\n",
  'heavy.ts': "export const HEAVY_MARKER = 'heavy-module-loaded';\nglobalThis.heavyLoaded = true;\n",
  'mixed.ts': "import { HEAVY_MARKER } from './heavy.ts';\nexport const light = () => 'light';\nexport const usesHeavy = () => HEAVY_MARKER;\n",
  'uses-light.ts': "import { light } from './mixed.ts';\nexport const handler = async () => light();\n",
  'uses-heavy.ts': "import { usesHeavy } from './mixed.ts';\nexport const handler = async () => usesHeavy();\n",
  'registers-listed.ts': "import './registers.ts';\nimport { registered } from './registry.ts';\nexport const handler = async () => registered.join();\n",
  'registers-unlisted.ts': "import './heavy.ts';\nexport const handler = async () => 'ok';\n",
};

describe('bundles and package.json sideEffects', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'side-effects-'));
    await Promise.all(Object.entries(FILES).map(([name, content]) => writeFile(path.join(dir, name), content)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const build = async (entry: string) => {
    const outdir = path.join(dir, 'out', entry.replace(/\.ts$/, ''));
    const result = await buildLambdaBundles({
      ...esbuildOptions,
      minify: false,
      entryPoints: { index: path.join(dir, entry) },
      outdir,
      absWorkingDir: dir,
      logLevel: 'silent',
    });
    const file = path.join(dir, result.entries.get('index')!);
    return { source: await readFile(file, 'utf8'), handler: (await import(pathToFileURL(file).href)).handler as () => Promise<string> };
  };

  it('leaves out a module whose exports the handler does not use, with what it imports', async () => {
    const { source, handler } = await build('uses-light.ts');
    expect(await handler()).toBe('light');
    expect(source).not.toContain('heavy-module-loaded');
  });

  it('keeps that module where the handler uses it', async () => {
    const { source, handler } = await build('uses-heavy.ts');
    expect(await handler()).toBe('heavy-module-loaded');
    expect(source).toContain('heavy-module-loaded');
  });

  it('runs a module listed in sideEffects that is imported only for what it registers', async () => {
    const { handler } = await build('registers-listed.ts');
    expect(await handler()).toBe('multipart');
  });

  it('refuses to build a bare import of a module not listed in sideEffects', async () => {
    await expect(build('registers-unlisted.ts')).rejects.toThrow(/must be listed in package\.json's "sideEffects"[\s\S]*registers-unlisted\.ts:1/);
  });
});
