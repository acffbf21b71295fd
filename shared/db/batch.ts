/**
 * BatchGetItem and BatchWriteItem without their sharp edges: any number of
 * keys or writes (split into the API's 100 / 25 per request), unprocessed
 * leftovers retried with jittered backoff, and batchGet answering in the order
 * of the keys asked for, `undefined` where no item exists.
 */
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import type { Key } from './keys.ts';
import { mapConcurrently } from '../concurrency.ts';

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
/** Requests in flight at once, so a large maintenance batch does not trip throttling on its own. */
const CONCURRENCY = 4;
const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 25;
const BACKOFF_CAP_MS = 1000;

export async function batchGet<T extends Item = Item>(
  keys: Key[],
  options: {
    consistentRead?: boolean;
    /** Only these attributes (the key's are always added): what is read costs the same, but large items need not travel. */
    attributes?: string[];
  } = {},
): Promise<Array<T | undefined>> {
  if (keys.length === 0) return [];
  const table = tableName();
  const names = Object.keys(keys[0]).sort();
  const identity = (value: Item) => JSON.stringify(names.map((name) => value[name]));
  // The API rejects a request naming the same key twice; each distinct key is asked for once.
  const distinct = [...new Map(keys.map((k) => [identity(k), k])).values()];
  const found = new Map<string, T>();
  const projection = options.attributes && [...new Set([...names, ...options.attributes])];
  const projected = projection && {
    ProjectionExpression: projection.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(projection.map((name, i) => [`#p${i}`, name])),
  };
  await inParallel(chunk(distinct, GET_LIMIT), async (batch) => {
    await untilProcessed(batch, async (pending) => {
      const output = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistentRead, ...projected } } }));
      for (const item of output.Responses?.[table] ?? []) found.set(identity(item), item as T);
      return (output.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    });
  });
  return keys.map((k) => found.get(identity(k)));
}

export async function batchWrite(writes: { puts?: Item[]; deletes?: Key[] }): Promise<void> {
  const table = tableName();
  const requests: WriteRequest[] = [
    ...(writes.puts ?? []).map((Item) => ({ PutRequest: { Item } })),
    ...(writes.deletes ?? []).map((Key) => ({ DeleteRequest: { Key } })),
  ];
  await inParallel(chunk(requests, WRITE_LIMIT), async (batch) => {
    await untilProcessed(batch, async (pending) => {
      const output = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      return (output.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    });
  });
}

/** Sends `first`, then whatever `send` reports unprocessed, backing off between attempts. */
async function untilProcessed<T>(first: T[], send: (pending: T[]) => Promise<T[]>): Promise<void> {
  let pending = first;
  for (let attempt = 1; ; attempt++) {
    pending = await send(pending);
    if (pending.length === 0) return;
    if (attempt === MAX_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} batch requests unprocessed after ${attempt} attempts`);
    // Full jitter: concurrent retriers spread out instead of throttling again together.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)));
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  await mapConcurrently(items, CONCURRENCY, fn);
}
