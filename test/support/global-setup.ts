/**
 * One DynamoDB Local for the whole test run, whichever projects run: each
 * project's setup shares the first one started (the setup module may be loaded
 * once per project, hence the process-wide slot), and the last to finish stops
 * it. Each test file isolates itself with a table prefix.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

type Dynamo = Awaited<ReturnType<typeof startDynamoDbLocal>>;
const shared = globalThis as { testDynamo?: { started: Promise<Dynamo>; users: number } };

export default async function setup(project: TestProject) {
  shared.testDynamo ??= { started: startDynamoDbLocal(), users: 0 };
  const slot = shared.testDynamo;
  slot.users++;
  const dynamo = await slot.started;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    if (--slot.users > 0) return;
    shared.testDynamo = undefined;
    await dynamo.stop();
  };
}
