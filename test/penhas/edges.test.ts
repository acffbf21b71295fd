/** The penhas service's edge checks, generated from its manifest (test/contract/edge-checks.ts). */
import { afterAll, beforeAll } from 'vitest';
import penhas from '../../functions/penhas/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [penhas] });
});
afterAll(() => runtime?.stop());

edgeChecks(penhas, { baseUrl: () => `${runtime.url}/penhas` });
