/**
 * A SignalR hub served by an API Gateway WebSocket API: every client record
 * reaches the `$default` route, and everything the server says goes out through
 * the API's @connections endpoint. Each WebSocket message is its own
 * invocation (several may run at once for one connection), so a hub method
 * keeps what must outlive it in DynamoDB, never in memory.
 *
 * Before the client's handshake (remembered with the connection) nothing but
 * a handshake is accepted, and a message's records are bounded in number and
 * kind (signalr.ts): excess is refused as a protocol error, with a close frame
 * the client reads, rather than worked through until the route times out.
 *
 * `$default` answers quickly: API Gateway gives a WebSocket route 29 s, then
 * sends the client an error frame the SignalR client cannot read. A method
 * that asks the model queues a turn instead, and the turn's consumer streams
 * the answer and completes the invocation (answer-turn.ts).
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ZodMiniType } from 'zod/mini';
import { observed } from '#shared/observability/invocation';
import { errorFacts, logger } from '#shared/observability/logger';
import { sendJob } from '#shared/queue/send';
import { closeConnection, postToConnection } from '#shared/ws/connections';
import { queues } from '../../resources.ts';
import { acceptHandshake, endTurn, findConnection, startTurn, type Turn } from '../chat/chat-state.ts';
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
import type { HubApi, TurnJob } from './turn-job.ts';

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

export const hubMethod = <Args extends unknown[]>(args: ZodMiniType<Args>, run: (call: HubCall, args: Args) => Promise<void | Queued>): HubMethod<Args> => ({
  args,
  run,
});

type Send = (text: string) => Promise<Delivery>;

export function hubMessageHandler(hub: Hub) {
  return observed(async (event: APIGatewayProxyWebsocketEventV2) => {
    const connectionId = event.requestContext.connectionId;
    const send: Send = (text) => postToConnection(hub.api, connectionId, text);
    const refuse = async (reason: string) => {
      logger.info('hub message refused', { api: hub.api, connectionId, reason });
      await send(closing(`Invalid message: ${reason}.`));
      await closeConnection(hub.api, connectionId);
      return { statusCode: 400 };
    };

    let records: ClientRecord[];
    try {
      if (event.isBase64Encoded) throw new ProtocolError('the JSON protocol is text only');
      records = readRecords(event.body ?? '');
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      return refuse(error.message);
    }
    const [first] = records;
    const handshaking = first.kind === 'handshake';
    // A handshake naming another protocol is not recorded: it is answered, and refused, below.
    const accepted = handshaking && first.protocol === 'json' && first.version === 1;
    const connection = accepted ? await acceptHandshake(connectionId) : await findConnection(connectionId);
    if (!connection) return refuse('the connection is not known');
    if (connection.correlationId) logger.setCorrelationId(connection.correlationId);
    if (!handshaking && !connection.handshaken) return refuse('the handshake must come first');

    let pingAnswered = false;
    for (const record of records) {
      // Pings only keep the connection alive: one answer says as much as many.
      if (record.kind === 'ping' && pingAnswered) continue;
      pingAnswered ||= record.kind === 'ping';
      if ((await answer(hub, connectionId, record, send)) === 'closed') break;
    }
    return { statusCode: 200 };
  });
}

/** Answers one record; 'closed' once the connection was closed, when nothing after it is answered. */
async function answer(hub: Hub, connectionId: string, record: ClientRecord, send: Send): Promise<'closed' | void> {
  switch (record.kind) {
    case 'handshake':
      if (record.protocol === 'json' && record.version === 1) {
        await send(handshakeAccepted());
        return;
      }
      await send(handshakeRefused(`The protocol '${record.protocol}' version ${record.version} is not supported.`));
      await closeConnection(hub.api, connectionId);
      return 'closed';
    case 'ping':
      await send(ping());
      return;
    case 'close':
      await closeConnection(hub.api, connectionId);
      return 'closed';
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
        await sendJob(queues.coachTurns, { api, connectionId, turnId: turn.turnId } satisfies TurnJob);
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
    logger.error('hub method failed', { target, ...errorFacts(error, { stack: true }) });
    return { error: unexpectedInvocationError(target) };
  }
}
