/**
 * A SignalR hub served by an API Gateway WebSocket API: every client record
 * reaches the `$default` route, and everything the server says goes out through
 * the API's @connections endpoint. Each WebSocket message is its own
 * invocation (several may run at once for one connection), so a hub method
 * keeps what must outlive it in DynamoDB, never in memory.
 *
 * `$default` answers quickly: API Gateway gives a WebSocket route 29 s, then
 * sends the client an error frame the SignalR client cannot read. A method
 * that asks the model queues a turn instead, and the turn's consumer streams
 * the answer and completes the invocation (answer-turn.ts).
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ZodMiniType } from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { closeConnection, postToConnection } from '#shared/ws/connections';
import { endTurn, startTurn, type Turn } from '../chat/chat-state.ts';
import type { Delivery } from '../chat/latest-updates.ts';
import {
  closing,
  completion,
  handshakeAccepted,
  handshakeRefused,
  invokeClient,
  ping,
  ProtocolError,
  readRecords,
  unexpectedInvocationError,
  type ClientRecord,
} from './signalr.ts';
import { COACH_TURNS_QUEUE, type HubApi, type TurnJob } from './turn-job.ts';

/** What a hub method knows of its call, and what it may do. */
export interface HubCall {
  connectionId: string;
  /** Calls the client's `ReceiveMessage(response)`. */
  receiveMessage(response: object): Promise<Delivery>;
  /** Queues a turn answering `text`; its consumer completes this invocation. */
  queueTurn(text: string): Promise<Queued>;
  /** Completes the invocation of a turn that was removed before it was taken from the queue. */
  completeUnanswered(turn: Turn | undefined): Promise<void>;
}

/** A method's invocation is completed once it returns, unless it queued a turn. */
export type Queued = 'queued';

export interface HubMethod<Args extends unknown[]> {
  args: ZodMiniType<Args>;
  run(call: HubCall, args: Args): Promise<void | Queued>;
}

export interface Hub {
  /** The manifest name of the WebSocket API serving the hub. */
  api: HubApi;
  methods: Record<string, HubMethod<any>>;
}

export const hubMethod = <Args extends unknown[]>(
  args: ZodMiniType<Args>,
  run: (call: HubCall, args: Args) => Promise<void | Queued>,
): HubMethod<Args> => ({ args, run });

type Send = (text: string) => Promise<Delivery>;

export function hubMessageHandler(hub: Hub) {
  return async (event: APIGatewayProxyWebsocketEventV2) => {
    const connectionId = event.requestContext.connectionId;
    const send: Send = (text) => postToConnection(hub.api, connectionId, text);

    let records: ClientRecord[];
    try {
      if (event.isBase64Encoded) throw new ProtocolError('the JSON protocol is text only');
      records = readRecords(event.body ?? '');
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      await send(closing(`Invalid message: ${error.message}.`));
      await closeConnection(hub.api, connectionId);
      return { statusCode: 400 };
    }
    for (const record of records) await answer(hub, connectionId, record, send);
    return { statusCode: 200 };
  };
}

async function answer(hub: Hub, connectionId: string, record: ClientRecord, send: Send): Promise<void> {
  switch (record.kind) {
    case 'handshake':
      if (record.protocol === 'json' && record.version === 1) {
        await send(handshakeAccepted());
        return;
      }
      await send(handshakeRefused(`The protocol '${record.protocol}' version ${record.version} is not supported.`));
      await closeConnection(hub.api, connectionId);
      return;
    case 'ping':
      await send(ping());
      return;
    case 'close':
      await closeConnection(hub.api, connectionId);
      return;
    case 'streamInvocation':
      if (record.invocationId !== undefined) await send(completion(record.invocationId, 'Streaming methods are not supported.'));
      return;
    case 'invocation': {
      const outcome = await invoke(hub, hubCall(hub.api, connectionId, record, send), record.target, record.arguments);
      if (outcome !== 'queued' && record.invocationId !== undefined) await send(completion(record.invocationId, outcome?.error));
      return;
    }
    case 'ignored':
      return;
  }
}

function hubCall(api: HubApi, connectionId: string, invocation: { target: string; invocationId?: string }, send: Send): HubCall {
  const completeUnanswered = async (turn: Turn | undefined) => {
    if (turn?.invocationId !== undefined) await send(completion(turn.invocationId));
  };
  return {
    connectionId,
    receiveMessage: (response) => send(invokeClient('ReceiveMessage', [response])),
    completeUnanswered,
    async queueTurn(text) {
      const { turn, superseded } = await startTurn(connectionId, { api, method: invocation.target, invocationId: invocation.invocationId, text });
      await completeUnanswered(superseded);
      try {
        await sendJob(COACH_TURNS_QUEUE, { api, connectionId, turnId: turn.turnId } satisfies TurnJob);
      } catch (error) {
        // Nothing will take the turn: end it, and the client is told the call failed.
        await endTurn(connectionId, turn.turnId);
        throw error;
      }
      return 'queued';
    },
  };
}

/** Runs a hub method: 'queued' when a turn will complete it, otherwise the error text for the client, if it failed. */
async function invoke(hub: Hub, call: HubCall, target: string, args: unknown[]): Promise<Queued | { error?: string }> {
  const method = Object.hasOwn(hub.methods, target) ? hub.methods[target] : undefined;
  if (!method) return { error: `Failed to invoke '${target}' because the method does not exist.` };
  const parsed = method.args.safeParse(args);
  if (!parsed.success) return { error: `Failed to invoke '${target}' due to an error on the server: its arguments do not match.` };
  try {
    return (await method.run(call, parsed.data)) ?? {};
  } catch (error) {
    console.error(JSON.stringify({ level: 'ERROR', message: `hub method ${target} failed`, error: String((error as Error)?.stack ?? error) }));
    return { error: unexpectedInvocationError(target) };
  }
}
