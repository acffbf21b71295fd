import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../caught.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

type Transactions = typeof import('../../../shared/db/transactions.ts');
let tx: Transactions;
let db: typeof import('../../../shared/db/client.ts').db;
let table: string;

beforeAll(async () => {
  table = await useThrowawayTable();
  tx = await import('../../../shared/db/transactions.ts');
  ({ db } = await import('../../../shared/db/client.ts'));
});

const get = async (pk: string, sk: string) => (await db.send(new GetCommand({ TableName: table, Key: { pk, sk } }))).Item;

const absent = { ConditionExpression: 'attribute_not_exists(pk)' };

const FAKE = 'fakeConcurrentTransaction';
afterEach(() => {
  (db.middlewareStack as MiddlewareStack<object, object>).remove(FAKE);
});

/** The next `times` transactions are cancelled as if another transaction held one of their items. */
function cancelByConcurrentTransaction(times: number) {
  let remaining = times;
  (db.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' || remaining === 0) return next(args);
      remaining--;
      throw Object.assign(new Error('Transaction cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      });
    },
    { step: 'initialize', name: FAKE, priority: 'high' },
  );
}

describe('transact', () => {
  it('writes every item when all conditions hold', async () => {
    await tx.transact([{ Put: { Item: { pk: 'T1', sk: 'a' } } }, { Put: { Item: { pk: 'T1', sk: 'b' }, ...absent } }]);
    expect(await get('T1', 'a')).toBeDefined();
    expect(await get('T1', 'b')).toBeDefined();
  });

  it('writes nothing and reports the conflict code of the item whose condition failed', async () => {
    await tx.transact([{ Put: { Item: { pk: 'T2', sk: 'taken' } } }]);
    const error = await caught(
      tx.transact([
        { Put: { Item: { pk: 'T2', sk: 'new' }, ...absent }, conflictCode: 'first_failed' },
        { Put: { Item: { pk: 'T2', sk: 'taken' }, ...absent }, conflictCode: 'second_failed' },
      ]),
    );
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('second_failed');
    expect(await get('T2', 'new')).toBeUndefined();
  });

  it("reports plain 'conflict' when the failing item names no code", async () => {
    await tx.transact([{ Put: { Item: { pk: 'T3', sk: 'x' } } }]);
    expect((await caught(tx.transact([{ Put: { Item: { pk: 'T3', sk: 'x' }, ...absent } }]))).code).toBe('conflict');
  });

  it('retries a transaction cancelled by a concurrent one', async () => {
    cancelByConcurrentTransaction(2);
    await tx.transact([{ Put: { Item: { pk: 'T5', sk: 'a' } } }, { Put: { Item: { pk: 'T5', sk: 'b' } } }]);
    expect(await get('T5', 'b')).toBeDefined();
  });

  it('reports transaction_conflict when concurrent transactions keep winning', async () => {
    cancelByConcurrentTransaction(Infinity);
    const error = await caught(tx.transact([{ Put: { Item: { pk: 'T6', sk: 'a' } } }]));
    expect(error).toMatchObject({ kind: 'conflict', code: 'transaction_conflict' });
  });

  it('refuses more than 100 items before calling DynamoDB', async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ Put: { Item: { pk: 'T4', sk: String(i) } } }));
    await expect(tx.transact(items)).rejects.toThrow(RangeError);
  });
});

describe('putUnique', () => {
  const email = (address: string) => ({ key: { pk: `EMAIL#${address}`, sk: 'EMAIL' }, conflictCode: 'email_already_exists' });

  it('creates the item and a sentinel per unique value that points back to it', async () => {
    await tx.putUnique({ pk: 'USER#1', sk: 'USER', name: 'Ana' }, [email('ana@x.io')]);
    expect(await get('USER#1', 'USER')).toMatchObject({ name: 'Ana' });
    expect(await get('EMAIL#ana@x.io', 'EMAIL')).toMatchObject({ owner: { pk: 'USER#1', sk: 'USER' } });
  });

  it("fails with the value's conflict code when another item holds it, writing nothing", async () => {
    const error = await caught(tx.putUnique({ pk: 'USER#2', sk: 'USER' }, [email('other@x.io'), email('ana@x.io')]));
    expect(error.code).toBe('email_already_exists');
    expect(await get('USER#2', 'USER')).toBeUndefined();
    expect(await get('EMAIL#other@x.io', 'EMAIL')).toBeUndefined();
  });

  it('fails with its own conflict code when the item itself exists', async () => {
    const error = await caught(tx.putUnique({ pk: 'USER#1', sk: 'USER' }, [email('new@x.io')], { conflictCode: 'user_exists' }));
    expect(error.code).toBe('user_exists');
  });

  it('moves a unique value with release + claim, freeing the old one for others', async () => {
    const owner = { pk: 'USER#1', sk: 'USER' };
    await tx.transact([
      tx.releaseUnique(email('ana@x.io').key, owner),
      tx.claimUnique(email('ana@new.io'), owner),
      { Update: { Key: owner, UpdateExpression: 'SET email = :e', ExpressionAttributeValues: { ':e': 'ana@new.io' } } },
    ]);
    expect(await get('EMAIL#ana@x.io', 'EMAIL')).toBeUndefined();
    await tx.putUnique({ pk: 'USER#3', sk: 'USER' }, [email('ana@x.io')]);
    expect(await get('EMAIL#ana@x.io', 'EMAIL')).toMatchObject({ owner: { pk: 'USER#3' } });
  });

  it('cannot release a value another item holds', async () => {
    const error = await caught(tx.transact([{ ...tx.releaseUnique(email('ana@x.io').key, { pk: 'USER#1', sk: 'USER' }), conflictCode: 'not_yours' }]));
    expect(error.code).toBe('not_yours');
    expect(await get('EMAIL#ana@x.io', 'EMAIL')).toBeDefined();
  });
});
