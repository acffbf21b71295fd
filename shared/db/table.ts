/**
 * Single-item reads and writes, and queries, on the service table. Each call
 * names the table itself, and a write whose condition fails answers in the
 * caller's terms: `false` (or `undefined` where it returns an item), or the
 * error the caller names, never the SDK's ConditionalCheckFailedException.
 * Each call is exactly one DynamoDB request.
 *
 * Imported as a namespace (`import * as table from '#shared/db/table'`), so a
 * bundle keeps only the operations its handler uses.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';

export type Item = Record<string, unknown>;

export interface WriteOptions {
  /** ConditionExpression: the write happens only if it holds for the item as stored. */
  condition?: string;
  /** Placeholders of the condition and of an update's expression. */
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  /**
   * Thrown when the condition fails, instead of answering false or undefined. A function is told
   * whether an item was there (DynamoDB returns it with the failure), to name the error for either case.
   */
  onConditionFailure?: Error | ((itemExists: boolean) => Error);
}

export interface GetOptions {
  /** Strongly consistent: sees every write acknowledged before it. */
  consistent?: boolean;
  /** Only these attributes (include a key attribute to tell an item without them from none). */
  attributes?: string[];
}

export type Query = Omit<QueryCommandInput, 'TableName'>;

export interface QueryResult<T> {
  items: T[];
  /** Where the next page starts; absent after the last one. */
  lastKey?: Record<string, unknown>;
}

/** The item, or undefined when there is none. */
export async function get<T = Item>(key: Key, options: GetOptions = {}): Promise<T | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: key,
      ...(options.consistent ? { ConsistentRead: true } : {}),
      ...(options.attributes && {
        ProjectionExpression: options.attributes.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((name, i) => [`#p${i}`, name])),
      }),
    }),
  );
  return Item as T | undefined;
}

/** Writes the item whole; false when the condition failed. */
export async function put(item: Item, options: WriteOptions = {}): Promise<boolean> {
  return (await conditionally(db.send(new PutCommand({ ...writeInput(options), Item: item })), options)) !== undefined;
}

/** Applies an UpdateExpression; false when the condition failed, or with `returning` the item before or after it (undefined on failure). */
export async function update(key: Key, expression: string, options?: WriteOptions): Promise<boolean>;
export async function update<T = Item>(key: Key, expression: string, options: WriteOptions & { returning: 'new' | 'old' }): Promise<T | undefined>;
export async function update(key: Key, expression: string, options: WriteOptions & { returning?: 'new' | 'old' } = {}): Promise<unknown> {
  const output = await conditionally(
    db.send(
      new UpdateCommand({
        ...writeInput(options),
        Key: key,
        UpdateExpression: expression,
        ...(options.returning && { ReturnValues: options.returning === 'new' ? 'ALL_NEW' : 'ALL_OLD' }),
      }),
    ),
    options,
  );
  return options.returning ? output?.Attributes : output !== undefined;
}

/** Deletes the item (one that is not there is no failure); false when the condition failed, or with `returning` the item deleted. */
async function remove(key: Key, options?: WriteOptions): Promise<boolean>;
async function remove<T = Item>(key: Key, options: WriteOptions & { returning: 'old' }): Promise<T | undefined>;
async function remove(key: Key, options: WriteOptions & { returning?: 'old' } = {}): Promise<unknown> {
  const output = await conditionally(
    db.send(new DeleteCommand({ ...writeInput(options), Key: key, ...(options.returning && { ReturnValues: 'ALL_OLD' }) })),
    options,
  );
  return options.returning ? output?.Attributes : output !== undefined;
}

/** One page of a Query (DynamoDB's own: up to `Limit` items or 1 MB). */
export async function query<T = Item>(params: Query): Promise<QueryResult<T>> {
  const output = await db.send(new QueryCommand({ TableName: tableName(), ...params }));
  return { items: (output.Items ?? []) as T[], ...(output.LastEvaluatedKey && { lastKey: output.LastEvaluatedKey }) };
}

// `table.delete(...)` reads as what it does; `delete` cannot name a function of its own.
export { remove as delete };

function writeInput(options: WriteOptions) {
  return {
    TableName: tableName(),
    ConditionExpression: options.condition,
    ExpressionAttributeNames: options.names,
    ExpressionAttributeValues: options.values,
    ...(typeof options.onConditionFailure === 'function' && { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }),
  };
}

/** The write's output, or undefined when its condition failed and the caller named no error for that. */
async function conditionally<T>(write: Promise<T>, options: WriteOptions): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if ((error as Error)?.name !== 'ConditionalCheckFailedException') throw error;
    const failure = options.onConditionFailure;
    if (failure === undefined) return undefined;
    throw typeof failure === 'function' ? failure(Boolean((error as { Item?: unknown }).Item)) : failure;
  }
}
