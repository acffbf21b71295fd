/**
 * Starts the local runtime inside a test file, on a free port, against the
 * run's DynamoDB Local, with tables of its own.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startRuntime, type LocalRuntime, type RuntimeOptions } from '../../infra/local/runtime.ts';

export async function startTestRuntime(options: Omit<RuntimeOptions, 'dynamoEndpoint'>): Promise<LocalRuntime> {
  return startRuntime({
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
    log: () => undefined,
    ...options,
    dynamoEndpoint: inject('dynamoEndpoint'),
  });
}
