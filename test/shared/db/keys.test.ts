import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { key, keyParts, keyQuery, prefix } from '../../../shared/db/keys.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

describe('key', () => {
  it("joins parts with '#'", () => {
    expect(key('USER', 'u1', 'POST', 3)).toBe('USER#u1#POST#3');
  });

  it("escapes '#' inside a part, so user input cannot add a separator", () => {
    expect(key('USER', 'a#b')).not.toBe(key('USER', 'a', 'b'));
    expect(key('USER', 'a#b').startsWith(prefix('USER', 'a'))).toBe(false);
  });

  it('never makes the same key from different parts', () => {
    const inputs = [['a#b'], ['a', 'b'], ['a%23b'], ['a%', '23b'], ['a%#b'], ['a', ''], ['a#'], ['a%25']];
    const made = inputs.map((parts) => key(...parts));
    expect(new Set(made).size).toBe(inputs.length);
  });

  it('gives back the parts it was made of', () => {
    for (const parts of [['POST', 'a#b'], ['X', '%23', '%', '#%#'], ['only']]) expect(keyParts(key(...parts))).toEqual(parts);
  });
});

describe('prefix', () => {
  it('covers the keys under its parts and no longer sibling', () => {
    expect(key('POST', 'p1').startsWith(prefix('POST'))).toBe(true);
    expect(key('POSTS', 'p1').startsWith(prefix('POST'))).toBe(false);
  });
});

describe('keyQuery', () => {
  it('names the overloaded index attributes after the index', () => {
    const query = keyQuery({ index: 'gsi1', pk: 'A', sk: { beginsWith: 'B#' } });
    expect(query).toEqual({
      IndexName: 'gsi1',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': 'A', ':sk': 'B#' },
    });
  });

  describe('against DynamoDB', () => {
    let table: string;
    let db: typeof import('../../../shared/db/client.ts').db;
    const query = async (q: ReturnType<typeof keyQuery>) => ((await db.send(new QueryCommand({ TableName: table, ...q }))).Items ?? []).map((item) => item.sk);

    beforeAll(async () => {
      table = await useThrowawayTable();
      ({ db } = await import('../../../shared/db/client.ts'));
      for (const sk of [key('POST', 'a', 'b'), key('POST', 'a#b'), key('POST', 'ab'), key('POST', 'b'), key('POSTS', 'a')]) {
        await db.send(new PutCommand({ TableName: table, Item: { pk: 'U', sk, gsi1pk: 'G', gsi1sk: sk } }));
      }
    });

    it('a prefix query returns only keys under that prefix, never a forged look-alike', async () => {
      expect(await query(keyQuery({ pk: 'U', sk: { beginsWith: prefix('POST', 'a') } }))).toEqual([key('POST', 'a', 'b')]);
    });

    it('a prefix query on an index reads the index key attributes', async () => {
      expect(await query(keyQuery({ index: 'gsi1', pk: 'G', sk: { beginsWith: prefix('POST') } }))).toHaveLength(4);
    });

    it('between, equals, lessThan and greaterThan bound the sort key', async () => {
      expect(await query(keyQuery({ pk: 'U', sk: { between: [key('POST', 'ab'), key('POST', 'b')] } }))).toEqual([key('POST', 'ab'), key('POST', 'b')]);
      expect(await query(keyQuery({ pk: 'U', sk: { equals: key('POST', 'b') } }))).toEqual([key('POST', 'b')]);
      expect(await query(keyQuery({ pk: 'U', sk: { greaterThan: key('POST', 'b') } }))).toEqual([key('POSTS', 'a')]);
      expect(await query(keyQuery({ pk: 'U', sk: { lessThan: key('POST', 'a', 'c') } }))).toEqual([key('POST', 'a', 'b')]);
    });
  });
});
