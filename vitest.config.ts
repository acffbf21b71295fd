/**
 * Test projects mirror the code: `unit` is the fast tier (pure modules, no I/O,
 * `*.unit.test.ts` anywhere), the others run through the real local runtime and
 * share one DynamoDB Local per run. `npm test -- --project liftlog` runs one.
 */
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const UNIT = '**/*.unit.test.ts';

const gatewaySuite = (name: string, include: string[]): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, exclude: [UNIT], globalSetup: ['test/support/global-setup.ts'] },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file starts its own runtime against the shared DynamoDB Local. Two at a time even on two
    // cores (the default would be one): a gateway test mostly waits on queues and sockets.
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: [`test/${UNIT}`] } },
      gatewaySuite('shared', ['test/shared/**/*.test.ts']),
      gatewaySuite('infra', ['test/infra/**/*.test.ts']),
      gatewaySuite('liftlog', ['test/liftlog/**/*.test.ts']),
      gatewaySuite('penhas', ['test/penhas/**/*.test.ts']),
      gatewaySuite('pytake', ['test/pytake/**/*.test.ts']),
      gatewaySuite('kraliki', ['test/kraliki/**/*.test.ts']),
    ],
  },
});
