/**
 * Paged queries with opaque cursors. A cursor is the LastEvaluatedKey, base64url
 * JSON, with an HMAC over it and over the query it belongs to (index, key
 * condition and its values). Clients can neither forge a start key inside
 * another partition nor replay a cursor against a different query.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import * as table from './table.ts';

export type QueryParams = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'> & { TableName?: string };
type StartKey = Record<string, unknown>;

export interface Page<T> {
  items: T[];
  /** Present while more items may follow. */
  cursor?: string;
}

/**
 * Only functions that declare `access.paginates` get the key, on AWS (a dynamic
 * reference) and locally alike (the runtime's own key), so a handler that pages
 * without declaring it fails in the first local run, not after a deploy.
 */
export const cursorConfig = z.object({
  CURSOR_SECRET: z.string().check(z.minLength(32, 'required (declare access.paginates on the function), at least 32 characters')),
});

const cursorSecret = () => loadConfig(cursorConfig).CURSOR_SECRET;

/** A filter can skip many items (expired ones, say); past this many round trips a short page is returned. */
const MAX_ROUNDS_PER_PAGE = 8;
/** 128 bits of HMAC are plenty against forgery and keep cursors short in URLs. */
const SIGNATURE_BYTES = 16;

/** What a cursor is bound to: the index, the key condition and the values it references. */
function scopeOf(params: QueryParams): string {
  const condition = params.KeyConditionExpression ?? '';
  const placeholders = [...new Set(condition.match(/:[A-Za-z0-9_]+/g) ?? [])].sort();
  return JSON.stringify([params.IndexName ?? '', condition, placeholders.map((p) => [p, params.ExpressionAttributeValues?.[p]])]);
}

function sign(scope: string, payload: string): Buffer {
  return createHmac('sha256', cursorSecret()).update(scope).update('\n').update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function encodeCursor(params: QueryParams, startKey: StartKey): string {
  const payload = Buffer.from(JSON.stringify(startKey)).toString('base64url');
  return `${payload}.${sign(scopeOf(params), payload).toString('base64url')}`;
}

const invalidCursor = (field: string) =>
  new AppError('invalid', 'invalid_cursor', 'invalid cursor', {
    fields: [{ field, reason: 'invalid', message: 'invalid cursor' }],
  });

/** The start key a cursor stands for; AppError('invalid') unless this query signed it. */
export function decodeCursor(params: QueryParams, cursor: string, field = 'cursor'): StartKey {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalidCursor(field);
  const expected = sign(scopeOf(params), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor(field);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StartKey;
}

/**
 * Up to `limit` matching items, and a cursor when more may follow. The cursor
 * field name only labels the validation error.
 */
export async function queryPage<T = Record<string, unknown>>(
  params: QueryParams,
  options: { limit: number; cursor?: string; cursorField?: string },
): Promise<Page<T>> {
  if (!(options.limit >= 1)) throw new RangeError(`queryPage limit must be at least 1, got ${options.limit}`);
  let startKey = options.cursor ? decodeCursor(params, options.cursor, options.cursorField) : undefined;
  const items: T[] = [];
  for (let round = 0; round < MAX_ROUNDS_PER_PAGE && items.length < options.limit; round++) {
    const page = await table.query<T>({ ...params, Limit: options.limit - items.length, ExclusiveStartKey: startKey });
    items.push(...page.items);
    startKey = page.lastKey;
    if (!startKey) break;
  }
  return startKey ? { items, cursor: encodeCursor(params, startKey) } : { items };
}

/** Every matching item, page after page: for maintenance jobs and cascading deletes, not request paths. */
export async function queryAll<T = Record<string, unknown>>(params: QueryParams): Promise<T[]> {
  const items: T[] = [];
  let startKey: StartKey | undefined;
  do {
    const page = await table.query<T>({ ...params, ExclusiveStartKey: startKey });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}
