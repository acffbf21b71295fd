import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, conflict, notFound } from '../../../shared/errors.ts';
import { caught } from '../caught.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

let table: typeof import('../../../shared/db/table.ts');
let db: typeof import('../../../shared/db/client.ts').db;
let ops: typeof import('../../../shared/db/op-count.ts');
let tableName: string;

beforeAll(async () => {
  tableName = await useThrowawayTable();
  table = await import('../../../shared/db/table.ts');
  ({ db } = await import('../../../shared/db/client.ts'));
  ops = await import('../../../shared/db/op-count.ts');
});

beforeEach(() => ops.resetOperationCount());

const stored = async (pk: string, sk: string) => (await db.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true })))?.Item;
const onlyOperation = (command: string) => expect(ops.operationCount()).toEqual({ total: 1, byCommand: { [command]: 1 } });

describe('table.get', () => {
  it('answers the item, or undefined when there is none, in one GetItem', async () => {
    await table.put({ pk: 'GET#1', sk: 'A', name: 'one', secret: 's' });
    ops.resetOperationCount();
    expect(await table.get({ pk: 'GET#1', sk: 'A' }, { consistent: true })).toEqual({ pk: 'GET#1', sk: 'A', name: 'one', secret: 's' });
    onlyOperation('GetItem');
    expect(await table.get({ pk: 'GET#1', sk: 'none' }, { consistent: true })).toBeUndefined();
  });

  it('reads only the named attributes, reserved words included', async () => {
    await table.put({ pk: 'GET#2', sk: 'A', name: 'two', size: 3, secret: 's' });
    expect(await table.get({ pk: 'GET#2', sk: 'A' }, { consistent: true, attributes: ['pk', 'name', 'size'] })).toEqual({ pk: 'GET#2', name: 'two', size: 3 });
  });
});

describe('table.put', () => {
  it('answers true when written, false when its condition fails, leaving the item as it was', async () => {
    const absent = { condition: 'attribute_not_exists(pk)' };
    expect(await table.put({ pk: 'PUT#1', sk: 'A', v: 1 }, absent)).toBe(true);
    ops.resetOperationCount();
    expect(await table.put({ pk: 'PUT#1', sk: 'A', v: 2 }, absent)).toBe(false);
    onlyOperation('PutItem');
    expect(await stored('PUT#1', 'A')).toMatchObject({ v: 1 });
  });

  it('throws the error the caller names for a failed condition', async () => {
    await table.put({ pk: 'PUT#2', sk: 'A' });
    const error = await caught(table.put({ pk: 'PUT#2', sk: 'A' }, { condition: 'attribute_not_exists(pk)', onConditionFailure: conflict('taken') }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'taken' });
  });

  it('passes other failures through', async () => {
    const error = await table.put({ pk: 'PUT#3', sk: 'A' }, { condition: 'attribute_not_exists(#missing)' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).name).toBe('ValidationException');
  });
});

describe('table.update', () => {
  const counter = { pk: 'UPD#1', sk: 'A' };

  beforeAll(async () => {
    await table.put({ ...counter, n: 1, state: 'open' });
  });

  it('answers true or false without `returning`', async () => {
    const bump = (state: string) =>
      table.update(counter, 'SET n = n + :one', { condition: '#state = :state', names: { '#state': 'state' }, values: { ':one': 1, ':state': state } });
    expect(await bump('open')).toBe(true);
    expect(await bump('closed')).toBe(false);
    expect(await stored('UPD#1', 'A')).toMatchObject({ n: 2 });
  });

  it('answers the item after or before the write with `returning`, undefined when the condition fails', async () => {
    const after = await table.update<{ n: number }>(counter, 'SET n = :n', { values: { ':n': 10 }, returning: 'new' });
    expect(after).toEqual({ ...counter, n: 10, state: 'open' });
    const before = await table.update<{ n: number }>(counter, 'SET n = :n', { values: { ':n': 11 }, returning: 'old' });
    expect(before?.n).toBe(10);
    ops.resetOperationCount();
    expect(await table.update(counter, 'SET n = :n', { condition: 'n = :n', values: { ':n': 0 }, returning: 'new' })).toBeUndefined();
    onlyOperation('UpdateItem');
  });

  it('tells a failure function whether an item was there', async () => {
    const guarded = (itemKey: { pk: string; sk: string }) =>
      table.update(itemKey, 'SET n = :n', {
        condition: 'attribute_exists(pk) AND n = :never',
        values: { ':n': 0, ':never': -1 },
        onConditionFailure: (itemExists) => (itemExists ? conflict('changed') : notFound('gone')),
      });
    expect(await caught(guarded(counter))).toMatchObject({ kind: 'conflict', code: 'changed' });
    expect(await caught(guarded({ pk: 'UPD#none', sk: 'A' }))).toMatchObject({ kind: 'not_found', code: 'gone' });
    expect(await stored('UPD#none', 'A')).toBeUndefined();
  });
});

describe('table.delete', () => {
  it('deletes, answering true even for an item that was not there', async () => {
    await table.put({ pk: 'DEL#1', sk: 'A' });
    expect(await table.delete({ pk: 'DEL#1', sk: 'A' })).toBe(true);
    expect(await table.delete({ pk: 'DEL#1', sk: 'A' })).toBe(true);
    expect(await stored('DEL#1', 'A')).toBeUndefined();
  });

  it('keeps the item when its condition fails, and answers the deleted item with `returning`', async () => {
    await table.put({ pk: 'DEL#2', sk: 'A', state: 'queued' });
    const whenQueued = { condition: '#state = :queued', names: { '#state': 'state' }, values: { ':queued': 'queued' } };
    await table.update({ pk: 'DEL#2', sk: 'A' }, 'SET #state = :streaming', { names: { '#state': 'state' }, values: { ':streaming': 'streaming' } });
    expect(await table.delete({ pk: 'DEL#2', sk: 'A' }, { ...whenQueued, returning: 'old' })).toBeUndefined();
    expect(await stored('DEL#2', 'A')).toMatchObject({ state: 'streaming' });
    expect(await table.delete({ pk: 'DEL#2', sk: 'A' }, { returning: 'old' })).toEqual({ pk: 'DEL#2', sk: 'A', state: 'streaming' });
  });
});

describe('table.query', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await table.put({ pk: 'Q#1', sk: `ITEM#${i}`, i });
  });

  it('answers one page and where the next starts, one Query per call', async () => {
    const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'Q#1' }, ConsistentRead: true, Limit: 3 };
    const first = await table.query<{ i: number }>(query);
    onlyOperation('Query');
    expect(first.items.map((item) => item.i)).toEqual([0, 1, 2]);
    expect(first.lastKey).toBeDefined();
    const second = await table.query<{ i: number }>({ ...query, ExclusiveStartKey: first.lastKey });
    expect(second.items.map((item) => item.i)).toEqual([3, 4]);
    expect(second.lastKey).toBeUndefined();
  });
});
