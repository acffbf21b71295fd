import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../../infra/local/lambda/build.ts';
import type { LocalRuntime } from '../../../../infra/local/runtime.ts';
import { defineService } from '../../../../shared/manifest.ts';
import { eventually } from '../../../support/eventually.ts';
import { startTestRuntime } from '../../../support/runtime.ts';

// A handler written at test time, in a git-ignored folder, so the test can edit it.
const dir = `.local/test-reload-${process.pid}`;
const handlerFile = path.join(ROOT, dir, 'reloadfix', 'version.ts');
const writeVersion = (version: string) => writeFile(handlerFile, `export const handler = async () => ({ statusCode: 200, body: '${version}' });\n`);

let runtime: LocalRuntime;
beforeAll(async () => {
  await mkdir(path.dirname(handlerFile), { recursive: true });
  await writeVersion('v1');
  const service = defineService({
    name: 'reloadfix',
    description: 'reload fixture',
    http: { routes: [{ method: 'GET', path: '/version', auth: 'none', handler: `${dir}/reloadfix/version.ts` }] },
    table: {},
  });
  runtime = await startTestRuntime({ services: [service], watch: [dir] });
});
afterAll(async () => {
  await runtime?.stop();
  await rm(path.join(ROOT, dir), { recursive: true, force: true });
});

describe('code reload', () => {
  it('serves the changed handler on the next request without a restart', async () => {
    expect(await (await fetch(`${runtime.url}/reloadfix/version`)).text()).toBe('v1');
    await writeVersion('v2');
    // The file watcher reports the change in its own time.
    await eventually(async () => (await (await fetch(`${runtime.url}/reloadfix/version`)).text()) === 'v2', {
      intervalMs: 100,
      what: 'the changed handler served',
    });
  });
});
