/** The kraliki service's edge checks, generated from its manifest (test/contract/edge-checks.ts). */
import { afterAll, beforeAll } from 'vitest';
import kraliki from '../../functions/kraliki/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [kraliki] });
});
afterAll(() => runtime?.stop());

edgeChecks(kraliki, { baseUrl: () => `${runtime.url}/kraliki` });
