/**
 * The DynamoDB document client, created once per execution environment. Region,
 * credentials and endpoint come from the standard AWS environment variables
 * (the local runtime sets AWS_ENDPOINT_URL_DYNAMODB).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { baseConfig, loadConfig } from '../config.ts';
import { countOperation } from './op-count.ts';

const base = new DynamoDBClient({});
base.middlewareStack.add(
  (next, context) => (args) => {
    countOperation(context.commandName?.replace(/Command$/, '') ?? 'unknown');
    return next(args);
  },
  { step: 'initialize', name: 'countDynamoDbOperations' },
);

export const db = DynamoDBDocumentClient.from(base, {
  marshallOptions: { removeUndefinedValues: true },
});

const tableConfig = z.pick(baseConfig, { TABLE_NAME: true });

/** The service table's name; read on first use so importing this module never throws. */
export const tableName = (): string => loadConfig(tableConfig).TABLE_NAME;
