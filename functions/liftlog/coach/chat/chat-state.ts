/**
 * A hub connection's chat, in DynamoDB so that every invocation (each WebSocket
 * message runs in its own, possibly concurrently) sees the same state.
 *
 *   pk `CHAT#<connectionId>`
 *     sk `CONNECTION`  who connected (store, token hash, correlation id), from
 *                      `$connect`, and since when its handshake is accepted
 *     sk `HISTORY`     the conversation so far (OpenAI messages, JSON)
 *     sk `TURN`        the answer asked for: its request, id and status (queued,
 *                      streaming, stopping); exists only until the turn ends
 *
 * Every item expires by TTL a few hours on (API Gateway closes connections
 * after two hours), and reads ignore expired ones.
 */
import { createHash, randomUUID } from 'node:crypto';
import { takeItem } from '#shared/db/conditions';
import type { Item } from '#shared/db/table';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { expiresAt, isLive } from '#shared/db/ttl';
import { AppError } from '#shared/errors';
import { currentCorrelationId } from '#shared/observability/correlation';
import type { ProCredential } from '../auth/pro-token.ts';
import { chatKey } from '../../keys.ts';
import type { ChatMessage } from '../model.ts';

const KEEP_SECONDS = 3 * 60 * 60;
const STOP_WAIT_MS = 5000;
const STOP_POLL_MS = 50;

async function getItem(itemKey: Record<string, string>): Promise<Item | undefined> {
  const item = await table.get(itemKey, { consistent: true });
  return isLive(item) ? item : undefined;
}

/**
 * Remembers who connected, and the correlation id of the `$connect` request
 * (the current one, by default), which the connection's later messages and
 * the turns they queue carry on.
 */
export async function recordConnection(connectionId: string, credential: ProCredential, correlationId = currentCorrelationId()): Promise<void> {
  await table.put({
    ...chatKey(connectionId, 'CONNECTION'),
    store: credential.store,
    tokenHash: createHash('sha256').update(credential.token).digest('hex'),
    connectedAt: new Date().toISOString(),
    ...(correlationId === undefined ? {} : { correlationId }),
    expiresAt: expiresAt(KEEP_SECONDS),
  });
}

/** What a hub message needs to know of its connection. */
export interface ConnectionState {
  /** The client's handshake was accepted; before it, only a handshake is. */
  handshaken: boolean;
  correlationId?: string;
}

const connectionState = (item: Item): ConnectionState => ({
  handshaken: typeof item.handshakeAt === 'string',
  ...(typeof item.correlationId === 'string' ? { correlationId: item.correlationId } : {}),
});

/** The connection's state; undefined once it is gone (or was never recorded). */
export async function findConnection(connectionId: string): Promise<ConnectionState | undefined> {
  const item = await getItem(chatKey(connectionId, 'CONNECTION'));
  return item && connectionState(item);
}

/** Records the accepted handshake; undefined when the connection is gone. */
export async function acceptHandshake(connectionId: string): Promise<ConnectionState | undefined> {
  const item = await table.update(chatKey(connectionId, 'CONNECTION'), 'SET handshakeAt = :now', {
    condition: 'attribute_exists(pk) AND expiresAt > :live',
    values: { ':now': new Date().toISOString(), ':live': expiresAt(0) },
    returning: 'new',
  });
  return item && connectionState(item);
}

export async function forgetConnection(connectionId: string): Promise<void> {
  await Promise.all((['CONNECTION', 'HISTORY', 'TURN'] as const).map((sk) => table.delete(chatKey(connectionId, sk))));
}

export async function readHistory(connectionId: string): Promise<ChatMessage[]> {
  const item = await getItem(chatKey(connectionId, 'HISTORY'));
  return item ? (JSON.parse(item.messages as string) as ChatMessage[]) : [];
}

/** What a turn is to answer: the hub call that asked for it, and the text put to the model. */
export interface TurnRequest {
  /** The WebSocket API (manifest name) of the hub the call came through. */
  api: string;
  /** The hub method called; an error completion names it. */
  method: string;
  /** The invocation the client waits on; absent when it expects no completion. */
  invocationId?: string;
  /** The user's message, as the model reads it. */
  text: string;
}

export interface Turn extends TurnRequest {
  turnId: string;
}

/**
 * A turn is `queued` until the turn consumer takes it (`streaming`), and
 * `stopping` once a stop is asked for. Its invocation is completed exactly once:
 * by the consumer once it took the turn, or by whoever removed the turn while
 * still queued (clearChat, startTurn and stopTurn return such a turn).
 */
type TurnStatus = 'queued' | 'streaming' | 'stopping';

const turnOf = (item: Item): Turn => ({
  turnId: item.turnId as string,
  api: item.api as string,
  method: item.method as string,
  text: item.text as string,
  ...(typeof item.invocationId === 'string' ? { invocationId: item.invocationId } : {}),
});

/** The turn an overwrite or delete removed, when it was still queued (its invocation is the remover's to complete). */
const queuedTurn = (removed: Item | undefined): Turn | undefined => (removed && isLive(removed) && removed.state === 'queued' ? turnOf(removed) : undefined);

/** Forgets the conversation and ends any turn (a streaming one stops, sending nothing more, and is not kept). */
export async function clearChat(connectionId: string): Promise<Turn | undefined> {
  const [, removed] = await Promise.all([table.delete(chatKey(connectionId, 'HISTORY')), takeItem(chatKey(connectionId, 'TURN'))]);
  return queuedTurn(removed);
}

/**
 * Queues a turn; one begun earlier on the connection is superseded and stops
 * (returned when it was still queued). The write replaces exactly the turn it
 * read, so of concurrent removers only one is handed a queued turn to complete:
 * another start, a clear, a stop or the consumer taking it meanwhile makes
 * the write fail, and it reads again.
 */
export async function startTurn(connectionId: string, request: TurnRequest): Promise<{ turn: Turn; superseded?: Turn }> {
  const turn: Turn = { ...request, turnId: randomUUID() };
  const item = { ...chatKey(connectionId, 'TURN'), ...turn, state: 'queued' satisfies TurnStatus, expiresAt: expiresAt(KEEP_SECONDS) };
  for (;;) {
    const current = await table.get(chatKey(connectionId, 'TURN'), { consistent: true });
    const replaced = await table.put(
      item,
      current
        ? { condition: 'turnId = :turnId AND #state = :state', names: { '#state': 'state' }, values: { ':turnId': current.turnId, ':state': current.state } }
        : { condition: 'attribute_not_exists(pk)' },
    );
    if (replaced) return { turn, superseded: queuedTurn(current) };
  }
}

/**
 * Takes a queued turn for streaming, only if the connection is still there and
 * the turn is its current one, came through `api`, and was not taken before:
 * a repeated, stale or forged request for it gets undefined.
 */
export async function takeTurn(connectionId: string, turnId: string, api: string): Promise<Turn | undefined> {
  if (!(await getItem(chatKey(connectionId, 'CONNECTION')))) return undefined;
  const taken = await table.update(chatKey(connectionId, 'TURN'), 'SET #state = :streaming', {
    condition: 'turnId = :turnId AND api = :api AND #state = :queued AND expiresAt > :now',
    names: { '#state': 'state' },
    values: { ':streaming': 'streaming', ':queued': 'queued', ':turnId': turnId, ':api': api, ':now': expiresAt(0) },
    returning: 'new',
  });
  return taken && turnOf(taken);
}

/** `running` while the taken turn may go on; `stopping` when a stop was asked for; `over` once cleared or superseded. */
export async function turnState(connectionId: string, turnId: string): Promise<'running' | 'stopping' | 'over'> {
  const item = await getItem(chatKey(connectionId, 'TURN'));
  if (item?.turnId !== turnId) return 'over';
  return item.state === 'stopping' ? 'stopping' : 'running';
}

/** Marks the turn finished, whatever its outcome (for a stopped one: "nothing more will be sent"). */
export async function endTurn(connectionId: string, turnId: string): Promise<void> {
  // A turn that is no longer this one is someone else's to end.
  await table.delete(chatKey(connectionId, 'TURN'), { condition: 'turnId = :turnId', values: { ':turnId': turnId } });
}

/**
 * Stops the connection's turn. A queued one is simply removed (and answered,
 * for its invocation to be completed); a streaming one is asked to stop, and
 * this waits (a few seconds at most) until its consumer has stopped sending.
 * No turn: nothing to do.
 */
export async function stopTurn(connectionId: string): Promise<Turn | undefined> {
  // Queued first: a turn taken between the two writes is then still found streaming.
  const queued = await table.delete(chatKey(connectionId, 'TURN'), {
    condition: '#state = :queued',
    names: { '#state': 'state' },
    values: { ':queued': 'queued' },
    returning: 'old',
  });
  if (queued) return queuedTurn(queued);
  const streaming = await table.update(chatKey(connectionId, 'TURN'), 'SET #state = :stopping', {
    condition: '#state = :streaming',
    names: { '#state': 'state' },
    values: { ':stopping': 'stopping', ':streaming': 'streaming' },
    returning: 'new',
  });
  if (!streaming) return undefined;
  const turnId = streaming.turnId as string;
  const deadline = Date.now() + STOP_WAIT_MS;
  while (Date.now() < deadline && (await turnState(connectionId, turnId)) === 'stopping') {
    await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
  }
  return undefined;
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
          ConditionExpression: 'turnId = :turnId AND #state = :streaming',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':turnId': turnId, ':streaming': 'streaming' },
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
