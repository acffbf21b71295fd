/**
 * Conditional writes: create-once (idempotency records, first-writer-wins),
 * take-once (delete and hand back, to exactly one of concurrent takers) and
 * optimistic locking on a version attribute. A failed condition is an answer
 * in the product's terms, never a raw SDK error.
 */
import { conflict, notFound } from '../errors.ts';
import { PK, type Key } from './keys.ts';
import type { Item } from './table.ts';
import * as table from './table.ts';

/** Writes `item` unless its key exists; true when this call created it (a retry answers false). */
export function putIfAbsent(item: Item): Promise<boolean> {
  return table.put(item, { condition: 'attribute_not_exists(#pk)', names: { '#pk': PK } });
}

/**
 * Deletes the item and answers it, or undefined when it was not there. Of
 * concurrent takers exactly one gets the item: the delete is conditional on the
 * item existing, since an unconditional delete's ALL_OLD may hand the same old
 * item to several deleters (DynamoDB Local does).
 */
export function takeItem<T = Item>(itemKey: Key): Promise<T | undefined> {
  return table.delete<T>(itemKey, { condition: 'attribute_exists(#pk)', names: { '#pk': PK }, returning: 'old' });
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
  const written = await table.update<T>(itemKey, `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`, {
    condition: '#version = :expected',
    names,
    values,
    returning: 'new',
    onConditionFailure: (itemExists) => (itemExists ? conflict(update.conflictCode ?? 'version_conflict') : notFound(update.notFoundCode ?? 'not_found')),
  });
  return written!;
}
