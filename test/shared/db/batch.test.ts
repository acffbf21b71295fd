import type { MiddlewareStack } from '@smithy/types';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useThrowawayTable } from '../throwaway-table.ts';

type Batch = typeof import('../../../shared/db/batch.ts');
let batchGet: Batch['batchGet'];
let batchWrite: Batch['batchWrite'];
let db: typeof import('../../../shared/db/client.ts').db;
let opCount: typeof import('../../../shared/db/op-count.ts');
let table: string;

beforeAll(async () => {
  table = await useThrowawayTable();
  ({ batchGet, batchWrite } = await import('../../../shared/db/batch.ts'));
  ({ db } = await import('../../../shared/db/client.ts'));
  opCount = await import('../../../shared/db/op-count.ts');
});

const FAKE = 'fakeUnprocessed';
afterEach(() => {
  (db.middlewareStack as MiddlewareStack<object, object>).remove(FAKE);
});

/**
 * Makes DynamoDB answer like a throttled table: the first `times` responses of
 * `command` process only the first request (or, with `processed: 'none'`,
 * nothing) and report the rest unprocessed, as a real table may.
 */
function leaveUnprocessed(command: 'BatchGetItemCommand' | 'BatchWriteItemCommand', times: number, processed: 'first' | 'none' = 'first') {
  let remaining = times;
  (db.middlewareStack as MiddlewareStack<any, any>).add(
    (next: any, context: any) => async (args: any) => {
      if (context.commandName !== command || remaining === 0) return next(args);
      remaining--;
      const requestItems = args.input.RequestItems[table];
      if (processed === 'none') {
        return { output: { $metadata: {}, Responses: { [table]: [] }, UnprocessedKeys: { [table]: requestItems } }, response: {} };
      }
      if (command === 'BatchGetItemCommand') {
        const [first, ...rest] = requestItems.Keys;
        const output = await next({ ...args, input: { RequestItems: { [table]: { ...requestItems, Keys: [first] } } } });
        output.output.UnprocessedKeys = rest.length ? { [table]: { Keys: rest } } : {};
        return output;
      }
      const [first, ...rest] = requestItems;
      const output = await next({ ...args, input: { RequestItems: { [table]: [first] } } });
      output.output.UnprocessedItems = rest.length ? { [table]: rest } : {};
      return output;
    },
    { step: 'initialize', name: FAKE, priority: 'high' },
  );
}

const item = (i: number) => ({ pk: 'P', sk: `I#${String(i).padStart(3, '0')}`, n: i });
const keyOf = (i: number) => ({ pk: 'P', sk: item(i).sk });

describe('batchWrite', () => {
  it('writes any number of items, 25 per request', async () => {
    opCount.resetOperationCount();
    await batchWrite({ puts: Array.from({ length: 260 }, (_, i) => item(i)) });
    expect(opCount.operationCount().byCommand.BatchWriteItem).toBe(11);
    const last = await db.send(new GetCommand({ TableName: table, Key: keyOf(259) }));
    expect(last.Item).toEqual(item(259));
  });

  it('retries unprocessed writes until all are done', async () => {
    leaveUnprocessed('BatchWriteItemCommand', 2);
    await batchWrite({ puts: [item(300), item(301), item(302)], deletes: [keyOf(0)] });
    const results = await batchGet([keyOf(300), keyOf(301), keyOf(302), keyOf(0)]);
    expect(results).toEqual([item(300), item(301), item(302), undefined]);
  });
});

describe('batchGet', () => {
  it('answers in the order asked, with undefined for keys that have no item', async () => {
    const asked = [keyOf(5), { pk: 'P', sk: 'missing' }, keyOf(1), keyOf(200)];
    expect(await batchGet(asked)).toEqual([item(5), undefined, item(1), item(200)]);
  });

  it('reads any number of keys, 100 per request', async () => {
    opCount.resetOperationCount();
    const results = await batchGet(Array.from({ length: 250 }, (_, i) => keyOf(i + 10)));
    expect(results.map((r) => r?.n)).toEqual(Array.from({ length: 250 }, (_, i) => i + 10));
    expect(opCount.operationCount().byCommand.BatchGetItem).toBe(3);
  });

  it('answers a repeated key at every position (DynamoDB rejects repeats within one request)', async () => {
    expect(await batchGet([keyOf(7), keyOf(8), keyOf(7)])).toEqual([item(7), item(8), item(7)]);
  });

  it('retries unprocessed keys until all are read', async () => {
    leaveUnprocessed('BatchGetItemCommand', 3);
    opCount.resetOperationCount();
    const results = await batchGet([1, 2, 3, 4, 5].map(keyOf));
    expect(results).toEqual([1, 2, 3, 4, 5].map(item));
    expect(opCount.operationCount().byCommand.BatchGetItem).toBe(4);
  });

  it('gives up with an error when keys stay unprocessed', async () => {
    leaveUnprocessed('BatchGetItemCommand', Infinity, 'none');
    await expect(batchGet([1, 2].map(keyOf))).rejects.toThrow(/unprocessed after 8 attempts/);
  });

  it('answers an empty list without asking DynamoDB', async () => {
    opCount.resetOperationCount();
    expect(await batchGet([])).toEqual([]);
    expect(opCount.operationCount().total).toBe(0);
  });
});
