/**
 * A hub connection's chat, in DynamoDB so that every invocation (each WebSocket
 * message runs in its own, possibly concurrently) sees the same state.
 *
 *   pk `CHAT#<connectionId>`
 *     sk `CONNECTION`  who connected (store, token hash), from `$connect`
 *     sk `HISTORY`     the conversation so far (OpenAI messages, JSON)
 *     sk `TURN`        the answer being streamed right now: its id and whether a
 *                      stop was asked for; exists only while a turn runs
 *
 * Every item expires by TTL a few hours on (API Gateway closes connections
 * after two hours), and reads ignore expired ones.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#shared/db/client';
import { key } from '#shared/db/keys';
import { transact } from '#shared/db/transactions';
import { expiresAt, isLive } from '#shared/db/ttl';
import { AppError } from '#shared/errors';
import type { ProCredential } from '../auth/pro-token.ts';
import type { ChatMessage } from '../model.ts';

const KEEP_SECONDS = 3 * 60 * 60;
const STOP_WAIT_MS = 5000;
const STOP_POLL_MS = 50;

const chatKey = (connectionId: string, sk: 'CONNECTION' | 'HISTORY' | 'TURN') => ({ pk: key('CHAT', connectionId), sk });

const isConditionFailure = (error: unknown) => (error as Error)?.name === 'ConditionalCheckFailedException';

async function getItem(itemKey: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: itemKey, ConsistentRead: true }));
  return isLive(Item) ? Item : undefined;
}

export async function recordConnection(connectionId: string, credential: ProCredential): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...chatKey(connectionId, 'CONNECTION'),
        store: credential.store,
        tokenHash: createHash('sha256').update(credential.token).digest('hex'),
        connectedAt: new Date().toISOString(),
        expiresAt: expiresAt(KEEP_SECONDS),
      },
    }),
  );
}

export async function forgetConnection(connectionId: string): Promise<void> {
  await Promise.all(
    (['CONNECTION', 'HISTORY', 'TURN'] as const).map((sk) => db.send(new DeleteCommand({ TableName: tableName(), Key: chatKey(connectionId, sk) }))),
  );
}

export async function readHistory(connectionId: string): Promise<ChatMessage[]> {
  const item = await getItem(chatKey(connectionId, 'HISTORY'));
  return item ? (JSON.parse(item.messages as string) as ChatMessage[]) : [];
}

/** Forgets the conversation and ends any turn being streamed (it will neither send more nor be kept). */
export async function clearChat(connectionId: string): Promise<void> {
  await Promise.all(
    (['HISTORY', 'TURN'] as const).map((sk) => db.send(new DeleteCommand({ TableName: tableName(), Key: chatKey(connectionId, sk) }))),
  );
}

/** Begins a turn; one begun earlier on the connection is superseded and stops. */
export async function startTurn(connectionId: string): Promise<string> {
  const turnId = randomUUID();
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...chatKey(connectionId, 'TURN'), turnId, state: 'running', expiresAt: expiresAt(KEEP_SECONDS) },
    }),
  );
  return turnId;
}

/** `running` while the turn may go on; `stopping` when a stop was asked for; `over` once cleared or superseded. */
export async function turnState(connectionId: string, turnId: string): Promise<'running' | 'stopping' | 'over'> {
  const item = await getItem(chatKey(connectionId, 'TURN'));
  if (item?.turnId !== turnId) return 'over';
  return item.state === 'stopping' ? 'stopping' : 'running';
}

/** Marks the turn finished, whatever its outcome (for a stopped one: "nothing more will be sent"). */
export async function endTurn(connectionId: string, turnId: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: chatKey(connectionId, 'TURN'),
        ConditionExpression: 'turnId = :turnId',
        ExpressionAttributeValues: { ':turnId': turnId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Asks the running turn to stop and waits (a few seconds at most) until the
 * invocation streaming it has stopped sending. Nothing running: nothing to do.
 */
export async function stopTurn(connectionId: string): Promise<void> {
  let turnId: string;
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: chatKey(connectionId, 'TURN'),
        UpdateExpression: 'SET #state = :stopping',
        ConditionExpression: '#state = :running',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':stopping': 'stopping', ':running': 'running' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    turnId = Attributes!.turnId as string;
  } catch (error) {
    if (isConditionFailure(error)) return;
    throw error;
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  while (Date.now() < deadline && (await turnState(connectionId, turnId)) === 'stopping') {
    await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
  }
}

/**
 * Keeps the finished turn's conversation, unless the turn was stopped, cleared
 * or superseded meanwhile; answers whether it was kept.
 */
export async function completeTurn(connectionId: string, turnId: string, history: ChatMessage[]): Promise<boolean> {
  try {
    await transact([
      {
        Delete: {
          Key: chatKey(connectionId, 'TURN'),
          ConditionExpression: 'turnId = :turnId AND #state = :running',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':turnId': turnId, ':running': 'running' },
        },
      },
      {
        Put: {
          Item: { ...chatKey(connectionId, 'HISTORY'), messages: JSON.stringify(history), expiresAt: expiresAt(KEEP_SECONDS) },
        },
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.kind === 'conflict') return false;
    throw error;
  }
}
