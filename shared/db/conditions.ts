/**
 * Conditional writes: create-once (idempotency records, first-writer-wins),
 * take-once (delete and hand back, to exactly one of concurrent takers) and
 * optimistic locking on a version attribute. A failed condition is an answer
 * in the product's terms, never a raw SDK error.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, notFound } from '../errors.ts';
import { db, tableName } from './client.ts';
import { PK, type Key } from './keys.ts';

type Item = Record<string, unknown>;

const isConditionFailure = (error: unknown) => (error as Error)?.name === 'ConditionalCheckFailedException';

/** Writes `item` unless its key exists; true when this call created it (a retry answers false). */
export async function putIfAbsent(item: Item): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Deletes the item and answers it, or undefined when it was not there. Of
 * concurrent takers exactly one gets the item: the delete is conditional on the
 * item existing, since an unconditional delete's ALL_OLD may hand the same old
 * item to several deleters (DynamoDB Local does).
 */
export async function takeItem<T = Item>(itemKey: Key): Promise<T | undefined> {
  try {
    const output = await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: itemKey,
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return output.Attributes as T | undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Creates `item`; AppError('conflict', conflictCode) when its key is taken. */
export async function insert(item: Item, conflictCode: string): Promise<void> {
  if (!(await putIfAbsent(item))) throw conflict(conflictCode);
}

export interface VersionedUpdate {
  /** The version the caller read; the write happens only if it is still current. */
  expectedVersion: number;
  /** Attributes to set; `undefined` removes one. */
  changes: Item;
  /** Default `version`. */
  versionAttribute?: string;
  conflictCode?: string;
  notFoundCode?: string;
}

/**
 * Applies `changes` and bumps the version if nobody wrote since the caller's
 * read. Another writer won → conflict; the item is gone → not_found. Returns
 * the item as written.
 */
export async function updateIfVersion<T extends Item = Item>(itemKey: Key, update: VersionedUpdate): Promise<T> {
  const names: Record<string, string> = { '#version': update.versionAttribute ?? 'version' };
  const values: Item = { ':expected': update.expectedVersion, ':next': update.expectedVersion + 1 };
  const sets = ['#version = :next'];
  const removes: string[] = [];
  Object.entries(update.changes).forEach(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    if (value === undefined) removes.push(`#a${i}`);
    else {
      values[`:a${i}`] = value;
      sets.push(`#a${i} = :a${i}`);
    }
  });
  try {
    const output = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey,
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return output.Attributes as T;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // With ALL_OLD the failure carries the current item, if there is one.
    if ((error as { Item?: unknown }).Item) throw conflict(update.conflictCode ?? 'version_conflict');
    throw notFound(update.notFoundCode ?? 'not_found');
  }
}
