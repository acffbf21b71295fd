/**
 * Inboxes: anyone may drop an encrypted message (RSA-OAEP chunks) into a
 * user's inbox; the owner takes them, and taking deletes them (read-once).
 * Concurrent takes never hand out the same message twice nor lose one: each
 * message is deleted on its own, on condition that it still exists, with
 * ReturnValues ALL_OLD, and a request answers only the messages whose delete
 * succeeded. The condition is what makes exactly one taker win: an
 * unconditional delete of an item already gone may still hand back the old
 * item (DynamoDB Local does, to every concurrent deleter).
 */
import { randomUUID } from 'node:crypto';
import { takeItem } from '#shared/db/conditions';
import { keyQuery, prefix } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError, notFound } from '#shared/errors';
import { count } from '#shared/observability/metrics';
import { mapConcurrently } from '#shared/concurrency';
import { INBOX, inboxMessageKey, ownerPartition, userKey } from '../keys.ts';
import { toBase64, toIso } from '../wire.ts';

export interface InboxMessageView {
  id: string;
  encryptedMessage: string[];
}

interface InboxMessageRecord {
  id: string;
  encryptedMessage: Uint8Array[];
}

/**
 * At most this many messages are taken per request, oldest first, so a flooded
 * inbox still fits one response (20 chunks of 1 KB each); the rest wait for the
 * app's next poll.
 */
export const MAX_MESSAGES_PER_TAKE = 100;
const DELETES_IN_FLIGHT = 10;

/** Delivers to an existing user; the check and the write are one transaction, so no message outlives its recipient. */
export async function deliverMessage(toUserId: string, encryptedMessage: Uint8Array[]): Promise<void> {
  const id = randomUUID();
  try {
    await transact([
      { ConditionCheck: { Key: userKey(toUserId), ConditionExpression: 'attribute_exists(pk)' }, conflictCode: 'unknown_recipient' },
      { Put: { Item: { ...inboxMessageKey(toUserId, toIso(new Date()), id), id, encryptedMessage } } },
    ]);
    count('InboxMessageSent');
  } catch (error) {
    if (error instanceof AppError && error.code === 'unknown_recipient') throw notFound('user_not_found');
    throw error;
  }
}

export async function takeMessages(userId: string): Promise<InboxMessageView[]> {
  const { items: keys } = await table.query<{ pk: string; sk: string }>({
    ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: prefix(INBOX) } }),
    ProjectionExpression: 'pk, sk',
    ConsistentRead: true,
    Limit: MAX_MESSAGES_PER_TAKE,
  });
  const taken = await mapConcurrently(keys, DELETES_IN_FLIGHT, (key) => takeItem<InboxMessageRecord>(key));
  const messages = taken.filter((message): message is InboxMessageRecord => message !== undefined);
  if (messages.length) count('InboxMessagesTaken', messages.length);
  return messages.map((message) => ({ id: message.id, encryptedMessage: message.encryptedMessage.map(toBase64) }));
}
