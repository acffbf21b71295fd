/**
 * A table of its own for a test file, on the run's DynamoDB Local, and the
 * environment the shared db modules read. Call it before importing them.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dynamoClient, ensureTable } from '../../infra/local/dynamodb/tables.ts';
import { defineService } from '../../shared/manifest.ts';

const manifest = defineService({
  name: 'shared',
  description: 'table for the shared db helper tests',
  http: { routes: [] },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});

export async function useThrowawayTable(): Promise<string> {
  const endpoint = inject('dynamoEndpoint');
  const name = `shared-${randomBytes(4).toString('hex')}`;
  const client = dynamoClient(endpoint);
  await ensureTable(client, name, manifest);
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: name,
    SERVICE_NAME: 'shared',
    PROVIDERS: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return name;
}
