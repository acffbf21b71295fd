/**
 * A SignalR hub served by an API Gateway WebSocket API: every client record
 * reaches the `$default` route, and everything the server says goes out through
 * the API's @connections endpoint. Each WebSocket message is its own
 * invocation (several may run at once for one connection), so a hub method
 * keeps what must outlive it in DynamoDB, never in memory.
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { closeConnection, postToConnection } from '#shared/ws/connections';
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
  type ClientRecord,
} from './signalr.ts';

/** What a hub method knows of its caller. */
export interface HubCall {
  connectionId: string;
  /** Calls the client's `ReceiveMessage(response)`. */
  receiveMessage(response: object): Promise<Delivery>;
}

export interface HubMethod<Args extends unknown[]> {
  args: ZodType<Args>;
  run(call: HubCall, args: Args): Promise<void>;
}

export interface Hub {
  /** The manifest name of the WebSocket API serving the hub. */
  api: string;
  methods: Record<string, HubMethod<any>>;
}

export const hubMethod = <Args extends unknown[]>(args: ZodType<Args>, run: (call: HubCall, args: Args) => Promise<void>): HubMethod<Args> => ({
  args,
  run,
});

export function hubMessageHandler(hub: Hub) {
  return async (event: APIGatewayProxyWebsocketEventV2) => {
    const connectionId = event.requestContext.connectionId;
    const send = (text: string) => postToConnection(hub.api, connectionId, text);
    const call: HubCall = { connectionId, receiveMessage: (response) => send(invokeClient('ReceiveMessage', [response])) };

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
    for (const record of records) await answer(hub, call, record, send);
    return { statusCode: 200 };
  };
}

async function answer(hub: Hub, call: HubCall, record: ClientRecord, send: (text: string) => Promise<Delivery>): Promise<void> {
  switch (record.kind) {
    case 'handshake':
      if (record.protocol === 'json' && record.version === 1) {
        await send(handshakeAccepted());
        return;
      }
      await send(handshakeRefused(`The protocol '${record.protocol}' version ${record.version} is not supported.`));
      await closeConnection(hub.api, call.connectionId);
      return;
    case 'ping':
      await send(ping());
      return;
    case 'close':
      await closeConnection(hub.api, call.connectionId);
      return;
    case 'streamInvocation':
      if (record.invocationId !== undefined) await send(completion(record.invocationId, 'Streaming methods are not supported.'));
      return;
    case 'invocation': {
      const error = await invoke(hub, call, record.target, record.arguments);
      if (record.invocationId !== undefined) await send(completion(record.invocationId, error));
      return;
    }
    case 'ignored':
      return;
  }
}

/** Runs a hub method; answers the error text for the client, if it failed. */
async function invoke(hub: Hub, call: HubCall, target: string, args: unknown[]): Promise<string | undefined> {
  const method = Object.hasOwn(hub.methods, target) ? hub.methods[target] : undefined;
  if (!method) return `Failed to invoke '${target}' because the method does not exist.`;
  const parsed = method.args.safeParse(args);
  if (!parsed.success) return `Failed to invoke '${target}' due to an error on the server: its arguments do not match.`;
  try {
    await method.run(call, parsed.data);
    return undefined;
  } catch (error) {
    console.error(JSON.stringify({ level: 'ERROR', message: `hub method ${target} failed`, error: String((error as Error)?.stack ?? error) }));
    return `An unexpected error occurred invoking '${target}' on the server.`;
  }
}
