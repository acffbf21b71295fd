/**
 * TransactWriteItems with conflicts in the product's terms: each item may name
 * the conflict code its condition stands for (`email_already_exists`), and a
 * cancelled transaction becomes AppError('conflict', that code). Uniqueness
 * (e-mails, lookups, CPF hashes) is a sentinel item per unique value, written
 * in the same transaction as its owner, so neither exists without the other.
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError, conflict } from '../errors.ts';
import { db, tableName } from './client.ts';
import { PK, SK, type Key } from './keys.ts';

type Native = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type TableOptional<T> = Omit<T, 'TableName'> & { TableName?: string };

export interface TransactItem {
  Put?: TableOptional<NonNullable<Native['Put']>>;
  Update?: TableOptional<NonNullable<Native['Update']>>;
  Delete?: TableOptional<NonNullable<Native['Delete']>>;
  ConditionCheck?: TableOptional<NonNullable<Native['ConditionCheck']>>;
  /** The conflict code reported when this item's condition fails. Default `conflict`. */
  conflictCode?: string;
}

const MAX_ITEMS = 100;
const MAX_ATTEMPTS = 3;
/** Cancellation reasons that say "try again", not "your condition failed". */
const TRANSIENT = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

interface CancellationReason {
  Code?: string;
}

export async function transact(items: TransactItem[]): Promise<void> {
  if (items.length === 0) return;
  if (items.length > MAX_ITEMS) throw new RangeError(`a transaction holds at most ${MAX_ITEMS} items, got ${items.length}`);
  const table = tableName();
  const TransactItems = items.map(({ conflictCode: _, ...operations }) => {
    const native: Native = {};
    for (const [name, operation] of Object.entries(operations)) {
      (native as Record<string, unknown>)[name] = { TableName: table, ...operation };
    }
    return native;
  });
  for (let attempt = 1; ; attempt++) {
    try {
      // A fresh token per attempt: the SDK's own retries of one attempt stay idempotent, so a lost
      // response cannot turn our own successful write into a spurious conflict.
      await db.send(new TransactWriteCommand({ TransactItems, ClientRequestToken: randomUUID() }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw conflict(items[failed].conflictCode ?? 'conflict');
      const transient = reasons.some((reason) => reason.Code && TRANSIENT.has(reason.Code));
      if (!transient) throw error;
      if (attempt === MAX_ATTEMPTS) throw new AppError('conflict', 'transaction_conflict', 'concurrent update, try again');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    }
  }
}

function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if ((error as Error)?.name !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

export interface UniqueValue {
  /** The sentinel's key, e.g. `{ pk: key('EMAIL', email), sk: 'EMAIL' }`. */
  key: Key;
  /** Reported when the value is taken. */
  conflictCode: string;
}

const isAbsent = { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } };

/** Claims a unique value for `owner`; the sentinel records its owner, so the value also finds it. */
export function claimUnique(value: UniqueValue, owner: Key): TransactItem {
  return { Put: { Item: { ...value.key, owner }, ...isAbsent }, conflictCode: value.conflictCode };
}

/** Frees a unique value, only if `owner` holds it, so a stale release cannot free someone else's claim. */
export function releaseUnique(sentinel: Key, owner: Key): TransactItem {
  return {
    Delete: {
      Key: sentinel,
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': owner },
    },
  };
}

/**
 * Creates `item` and claims each unique value for it, all or nothing. A taken
 * value fails with its own conflict code; an existing item with `conflictCode`.
 */
export async function putUnique(
  item: Record<string, unknown> & { [PK]: string; [SK]: string },
  values: UniqueValue[],
  options: { conflictCode?: string } = {},
): Promise<void> {
  const owner = { [PK]: item[PK], [SK]: item[SK] };
  await transact([
    { Put: { Item: item, ...isAbsent }, conflictCode: options.conflictCode ?? 'already_exists' },
    ...values.map((value) => claimUnique(value, owner)),
  ]);
}
