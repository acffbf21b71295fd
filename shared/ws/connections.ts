/**
 * Pushes to and closes WebSocket connections through an API's `@connections`
 * endpoint. A connection that is gone answers 'gone' instead of throwing, so a
 * caller can drop its stale connection record and carry on.
 */
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { envNames } from '../manifest.ts';

/** One client per API for the life of the execution environment, created on first use. */
const clients = new Map<string, ApiGatewayManagementApiClient>();

function clientFor(api: string): ApiGatewayManagementApiClient {
  let client = clients.get(api);
  if (!client) {
    const variable = envNames.websocketEndpoint(api);
    const endpoint = process.env[variable];
    if (!endpoint) throw new Error(`${variable} is not set: the function cannot reach WebSocket API '${api}'`);
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(api, client);
  }
  return client;
}

async function unlessGone(request: Promise<unknown>): Promise<boolean> {
  try {
    await request;
    return true;
  } catch (error) {
    if (error instanceof GoneException) return false;
    throw error;
  }
}

/** Sends one message to a client of WebSocket API `api` (a text frame when it is valid UTF-8, otherwise binary). */
export async function postToConnection(api: string, connectionId: string, data: string | Uint8Array): Promise<'sent' | 'gone'> {
  const sent = await unlessGone(clientFor(api).send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data })));
  return sent ? 'sent' : 'gone';
}

/** Disconnects a client; its `$disconnect` route runs as for any close. */
export async function closeConnection(api: string, connectionId: string): Promise<'closed' | 'gone'> {
  const closed = await unlessGone(clientFor(api).send(new DeleteConnectionCommand({ ConnectionId: connectionId })));
  return closed ? 'closed' : 'gone';
}
