import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../caught.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

let conditions: typeof import('../../../shared/db/conditions.ts');
let db: typeof import('../../../shared/db/client.ts').db;
let table: string;

beforeAll(async () => {
  table = await useThrowawayTable();
  conditions = await import('../../../shared/db/conditions.ts');
  ({ db } = await import('../../../shared/db/client.ts'));
});

const get = async (pk: string, sk: string) => (await db.send(new GetCommand({ TableName: table, Key: { pk, sk } }))).Item;

describe('putIfAbsent', () => {
  it('creates the item once; a repeat answers false and changes nothing', async () => {
    expect(await conditions.putIfAbsent({ pk: 'MSG#1', sk: 'SEEN', first: true })).toBe(true);
    expect(await conditions.putIfAbsent({ pk: 'MSG#1', sk: 'SEEN', first: false })).toBe(false);
    expect(await get('MSG#1', 'SEEN')).toMatchObject({ first: true });
  });
});

describe('insert', () => {
  it('fails with the given conflict code when the key is taken', async () => {
    await conditions.insert({ pk: 'LOOKUP#abc', sk: 'LOOKUP' }, 'lookup_taken');
    const error = await caught(conditions.insert({ pk: 'LOOKUP#abc', sk: 'LOOKUP' }, 'lookup_taken'));
    expect(error).toMatchObject({ kind: 'conflict', code: 'lookup_taken' });
  });
});

describe('updateIfVersion', () => {
  const doc = { pk: 'DOC#1', sk: 'DOC' };

  beforeAll(async () => {
    await conditions.putIfAbsent({ ...doc, version: 1, title: 'draft', note: 'remove me' });
  });

  it('applies the changes, bumps the version and returns the item as written', async () => {
    const written = await conditions.updateIfVersion(doc, { expectedVersion: 1, changes: { title: 'final', note: undefined } });
    expect(written).toEqual({ ...doc, version: 2, title: 'final' });
    expect(await get('DOC#1', 'DOC')).toEqual(written);
  });

  it('fails with a conflict when another writer bumped the version first', async () => {
    const error = await caught(conditions.updateIfVersion(doc, { expectedVersion: 1, changes: { title: 'stale' }, conflictCode: 'doc_changed' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'doc_changed' });
    expect(await get('DOC#1', 'DOC')).toMatchObject({ title: 'final', version: 2 });
  });

  it('fails with not_found when the item does not exist, creating nothing', async () => {
    const error = await caught(conditions.updateIfVersion({ pk: 'DOC#none', sk: 'DOC' }, { expectedVersion: 1, changes: { title: 'x' } }));
    expect(error.kind).toBe('not_found');
    expect(await get('DOC#none', 'DOC')).toBeUndefined();
  });

  it('uses the named version attribute', async () => {
    await conditions.putIfAbsent({ pk: 'DOC#2', sk: 'DOC', revision: 7 });
    expect(await conditions.updateIfVersion({ pk: 'DOC#2', sk: 'DOC' }, { expectedVersion: 7, changes: {}, versionAttribute: 'revision' })).toMatchObject({
      revision: 8,
    });
  });
});
