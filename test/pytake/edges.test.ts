/** The pytake service's edge checks, generated from its manifest (test/contract/edge-checks.ts). */
import { afterAll, beforeAll } from 'vitest';
import pytake from '../../functions/pytake/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [pytake] });
});
afterAll(() => runtime?.stop());

edgeChecks(pytake, { baseUrl: () => `${runtime.url}/pytake` });
