/**
 * Starts the local runtime inside a test file, on a free port, against the
 * run's DynamoDB Local, with tables of its own.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { startRuntime, type LocalRuntime, type RuntimeOptions } from '../../infra/local/runtime.ts';

export type TestRuntimeOptions = Omit<RuntimeOptions, 'dynamoEndpoint'>;

export async function startTestRuntime(options: TestRuntimeOptions): Promise<LocalRuntime> {
  return startRuntime({
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
    log: () => undefined,
    ...options,
    dynamoEndpoint: inject('dynamoEndpoint'),
  });
}

/**
 * The one runtime a test file's tests share: started before them, stopped
 * after them. The answer reads through to that runtime once it is up, so a
 * file declares it once at the top (`const runtime = sharedRuntime({...})`).
 */
export function sharedRuntime(options: TestRuntimeOptions): LocalRuntime {
  let current: LocalRuntime | undefined;
  beforeAll(async () => {
    current = await startTestRuntime(options);
  });
  afterAll(() => current?.stop());
  return new Proxy({} as LocalRuntime, {
    get(_target, property) {
      if (!current) throw new Error(`the test runtime is not running (reading ${String(property)} outside a test?)`);
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
