import { beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../caught.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

type Pagination = typeof import('../../../shared/db/pagination.ts');
let queryPage: Pagination['queryPage'];
let queryAll: Pagination['queryAll'];
let keys: typeof import('../../../shared/db/keys.ts');
let ttl: typeof import('../../../shared/db/ttl.ts');
let opCount: typeof import('../../../shared/db/op-count.ts');
let config: typeof import('../../../shared/config.ts');

const ITEMS = 23;
const sortKey = (i: number) => `ITEM#${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  process.env.CURSOR_SECRET = 'a test cursor key of at least 32 characters';
  await useThrowawayTable();
  ({ queryPage, queryAll } = await import('../../../shared/db/pagination.ts'));
  keys = await import('../../../shared/db/keys.ts');
  ttl = await import('../../../shared/db/ttl.ts');
  opCount = await import('../../../shared/db/op-count.ts');
  config = await import('../../../shared/config.ts');
  const { batchWrite } = await import('../../../shared/db/batch.ts');
  const now = Math.floor(Date.now() / 1000);
  await batchWrite({
    puts: [
      ...Array.from({ length: ITEMS }, (_, i) => ({ pk: 'A', sk: sortKey(i) })),
      // In B, every other item has expired but not yet been deleted by TTL.
      ...Array.from({ length: 20 }, (_, i) => ({ pk: 'B', sk: sortKey(i), expiresAt: i % 2 ? now - 60 : now + 3600 })),
      ...Array.from({ length: 12 }, (_, i) => ({ pk: 'BIG', sk: sortKey(i), blob: 'x'.repeat(100_000) })),
    ],
  });
});

const inA = () => keys.keyQuery({ pk: 'A', sk: { beginsWith: 'ITEM#' } });

describe('queryPage', () => {
  it('walks a partition page by page with cursors, every item once, in order', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryPage<{ sk: string }>(inA(), { limit: 5, cursor });
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((item) => item.sk));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: ITEMS }, (_, i) => sortKey(i)));
    expect(pages).toBe(5);
  });

  it('answers the last page without a cursor', async () => {
    const page = await queryPage(inA(), { limit: 100 });
    expect(page.items).toHaveLength(ITEMS);
    expect(page.cursor).toBeUndefined();
  });

  it('fills a page with live items when a filter skips expired ones', async () => {
    const first = await queryPage<{ sk: string }>(ttl.onlyLive(keys.keyQuery({ pk: 'B' })), { limit: 4 });
    expect(first.items.map((item) => item.sk)).toEqual([0, 2, 4, 6].map(sortKey));
    const second = await queryPage<{ sk: string }>(ttl.onlyLive(keys.keyQuery({ pk: 'B' })), { limit: 4, cursor: first.cursor });
    expect(second.items.map((item) => item.sk)).toEqual([8, 10, 12, 14].map(sortKey));
  });

  it('rejects a cursor whose start key was altered as invalid_cursor', async () => {
    const { cursor } = await queryPage(inA(), { limit: 2 });
    const [, signature] = cursor!.split('.');
    const forged = `${Buffer.from(JSON.stringify({ pk: 'A', sk: sortKey(20) })).toString('base64url')}.${signature}`;
    const error = await caught(queryPage(inA(), { limit: 2, cursor: forged }));
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('invalid_cursor');
    expect(error.details.fields?.[0]).toMatchObject({ field: 'cursor', reason: 'invalid' });
  });

  it("rejects a cursor issued for another partition's query", async () => {
    const { cursor } = await queryPage(keys.keyQuery({ pk: 'B' }), { limit: 2 });
    const error = await caught(queryPage(inA(), { limit: 2, cursor, cursorField: 'next_page' }));
    expect(error.code).toBe('invalid_cursor');
    expect(error.details.fields?.[0].field).toBe('next_page');
  });

  it('rejects garbage as invalid_cursor', async () => {
    for (const cursor of ['garbage', 'a.b.c', '.', 'eyJ9.']) {
      expect((await caught(queryPage(inA(), { limit: 2, cursor }))).code).toBe('invalid_cursor');
    }
  });
});

describe('queryAll', () => {
  it("pages past DynamoDB's 1 MB response limit to return every item", async () => {
    opCount.resetOperationCount();
    const items = await queryAll(keys.keyQuery({ pk: 'BIG' }));
    expect(items).toHaveLength(12);
    expect(opCount.operationCount().byCommand.Query).toBeGreaterThan(1);
  });
});

describe('cursor secret', () => {
  it('is required wherever a function pages, locally as on AWS, and at least 32 characters', async () => {
    const { cursorConfig } = await import('../../../shared/db/pagination.ts');
    expect(() => config.loadConfig(cursorConfig, { PROVIDERS: 'local' })).toThrow(/CURSOR_SECRET/);
    expect(() => config.loadConfig(cursorConfig, { CURSOR_SECRET: 'short' })).toThrow(/CURSOR_SECRET/);
    expect(config.loadConfig(cursorConfig, { PROVIDERS: 'aws', CURSOR_SECRET: 's'.repeat(32) }).CURSOR_SECRET).toHaveLength(32);
  });
});
