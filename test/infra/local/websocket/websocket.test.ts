import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { addresses } from '../../../../infra/local/addresses.ts';
import type { LocalRuntime } from '../../../../infra/local/runtime.ts';
import websocketService from '../../../fixtures/websocket-chat-service/service.ts';
import { eventually } from '../../../support/eventually.ts';
import { sharedRuntime, startTestRuntime } from '../../../support/runtime.ts';

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const KB = 1024;

interface Frame {
  data: Buffer;
  isBinary: boolean;
  text: string;
}

/** A test client that queues what it receives so tests can await frames one by one. */
class Client {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private arrived?: () => void;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.frames.push({ data, isBinary, text: data.toString('utf8') });
      this.arrived?.();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(data: unknown): void {
    this.ws.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data));
  }

  /** The next frame, as soon as it arrives; the timeout only bounds a wait for one that never comes. */
  async next(timeoutMs = 20_000): Promise<Frame> {
    if (this.frames.length === 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no frame received within ${timeoutMs} ms`)), timeoutMs);
        this.arrived = () => {
          clearTimeout(timer);
          this.arrived = undefined;
          resolve();
        };
      });
    }
    return this.frames.shift()!;
  }

  async nextJson(): Promise<Record<string, any>> {
    return JSON.parse((await this.next()).text);
  }
}

const runtime = sharedRuntime({ services: [websocketService] });
let documents: DynamoDBDocumentClient;
let management: ApiGatewayManagementApiClient;
const opened: Client[] = [];

beforeAll(() => {
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, ...LOCAL }));
  management = new ApiGatewayManagementApiClient({ endpoint: addresses.websocketManagement(runtime.url, 'websocket-chat-service', 'chat'), ...LOCAL });
});
afterAll(async () => {
  for (const client of opened) client.ws.terminate();
  management?.destroy();
  documents?.destroy();
});

const wsUrl = (path: string, query = '') => `${addresses.websocketUrl(runtime.url, 'websocket-chat-service', path)}${query}`;

async function connect(path = '/ws', options: { query?: string; headers?: Record<string, string> } = {}): Promise<Client> {
  const ws = new WebSocket(wsUrl(path, options.query), { headers: options.headers });
  const client = new Client(ws);
  opened.push(client);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return client;
}

/** The status a refused handshake answered with; fails if the upgrade went through. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => reject(new Error('the handshake was accepted')));
  });
}

async function connectionIdOf(client: Client): Promise<string> {
  client.send({ action: 'echo' });
  const event = JSON.parse((await client.next()).text);
  return event.requestContext.connectionId;
}

/** The event a fixture handler recorded for a connection (`connect` or `disconnect`), waiting for it to land. */
async function recorded(connectionId: string, kind: 'connect' | 'disconnect', on = runtime): Promise<Record<string, any>> {
  const item = await eventually(
    async () =>
      (await documents.send(new GetCommand({ TableName: on.tableName('websocket-chat-service'), Key: { pk: `conn#${connectionId}`, sk: kind } }))).Item,
    { what: `${kind} recorded for ${connectionId}` },
  );
  return JSON.parse(item.event);
}

describe('$connect', () => {
  it.each([401, 403])('refuses the handshake with the status $connect answers (%i), before any upgrade', async (status) => {
    expect(await refusedStatus(wsUrl('/ws', `?reject=${status}`))).toBe(status);
  });

  it('refuses the handshake with 500 when $connect throws', async () => {
    expect(await refusedStatus(wsUrl('/ws', '?fail'))).toBe(500);
  });

  it('accepts on 2xx and gives $connect headers, query parameters and the request context', async () => {
    const client = await connect('/ws', { query: '?token=abc&tag=a&tag=b', headers: { 'X-Client-Version': '7' } });
    const connectionId = await connectionIdOf(client);
    const event = await recorded(connectionId, 'connect');
    expect(event.headers['X-Client-Version']).toBe('7');
    expect(event.multiValueHeaders['X-Client-Version']).toEqual(['7']);
    expect(event.queryStringParameters).toEqual({ token: 'abc', tag: 'b' });
    expect(event.multiValueQueryStringParameters).toEqual({ token: ['abc'], tag: ['a', 'b'] });
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      connectionId,
      messageDirection: 'IN',
      apiId: 'websocket-chat-service-chat',
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(event.requestContext.connectionId).toMatch(/^[A-Za-z0-9]{15}=$/);
    for (const field of ['connectedAt', 'requestTimeEpoch']) expect(typeof event.requestContext[field]).toBe('number');
    for (const field of ['requestId', 'extendedRequestId', 'requestTime', 'stage', 'domainName']) expect(typeof event.requestContext[field]).toBe('string');
  });

  it('accepts every handshake on an API without a $connect route', async () => {
    const client = await connect('/strict');
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('message routing', () => {
  it('routes by the action in the body to the named route, with a MESSAGE event', async () => {
    const client = await connect();
    const body = JSON.stringify({ action: 'echo', value: 1 });
    client.send(body);
    const event = await client.nextJson();
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext).toMatchObject({ routeKey: 'echo', eventType: 'MESSAGE', messageDirection: 'IN' });
    expect(typeof event.requestContext.messageId).toBe('string');
  });

  it('sends an unknown action, a missing action and non-JSON text to $default', async () => {
    const client = await connect();
    for (const body of [JSON.stringify({ action: 'nope' }), JSON.stringify({ other: 1 }), 'plain text']) {
      client.send(body);
      const event = await client.nextJson();
      expect(event.requestContext.routeKey).toBe('$default');
      expect(event.body).toBe(body);
    }
  });

  it('sends binary frames to $default, base64-encoded', async () => {
    const client = await connect();
    client.send(Buffer.from([0, 1, 2, 255]));
    const event = await client.nextJson();
    expect(event.requestContext.routeKey).toBe('$default');
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('follows a dotted route selection path', async () => {
    const client = await connect('/strict');
    client.send({ meta: { kind: 'echo' } });
    expect((await client.nextJson()).requestContext.routeKey).toBe('echo');
  });

  it('answers Forbidden when no route matches and the API has no $default', async () => {
    const client = await connect('/strict');
    client.send({ action: 'echo' });
    const error = await client.nextJson();
    expect(error.message).toBe('Forbidden');
    expect(typeof error.connectionId).toBe('string');
    expect(typeof error.requestId).toBe('string');
  });

  it('answers Internal server error when the route handler throws', async () => {
    const client = await connect();
    client.send({ action: 'fail' });
    expect((await client.nextJson()).message).toBe('Internal server error');
  });

  it('sends nothing back from a route without returnsResponse', async () => {
    const client = await connect();
    client.send({ action: 'silent' });
    client.send({ action: 'echo', marker: 'after' });
    expect(JSON.parse((await client.nextJson()).body).marker).toBe('after');
  });

  it("dispatches one connection's messages concurrently, as AWS does, so a later message overtakes a slow one", async () => {
    const client = await connect();
    // The second message may need an environment of its own, a cold start: 3 s leaves that room on a busy machine.
    const delays = [3000, 0];
    for (const [n, delayMs] of delays.entries()) client.send({ action: 'echo', delayMs, n });
    const order: number[] = [];
    for (const _ of delays) order.push(JSON.parse((await client.nextJson()).body).n);
    expect(order).toEqual([1, 0]);
  });
});

describe('$disconnect', () => {
  it("runs after the client closes, with the client's close code and reason", async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    client.ws.close(4001, 'bye');
    const event = await recorded(connectionId, 'disconnect');
    expect(event.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      connectionId,
      disconnectStatusCode: 4001,
      disconnectReason: 'bye',
    });
  });
});

describe('@connections management API (real SDK client)', () => {
  it('POST sends valid UTF-8 as a text frame and other bytes as a binary frame', async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'héllo' }));
    expect(await client.next()).toMatchObject({ isBinary: false, text: 'héllo' });
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new Uint8Array([0xff, 0xfe]) }));
    const frame = await client.next();
    expect(frame.isBinary).toBe(true);
    expect([...frame.data]).toEqual([0xff, 0xfe]);
  });

  it('GET describes the connection', async () => {
    const before = Date.now();
    const client = await connect('/ws', { headers: { 'User-Agent': 'websocket-chat-service-test/1' } });
    const connectionId = await connectionIdOf(client);
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'websocket-chat-service-test/1' });
    expect(info.ConnectedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(info.LastActiveAt!.getTime()).toBeGreaterThanOrEqual(info.ConnectedAt!.getTime());
  });

  it('DELETE closes the connection and runs $disconnect', async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    expect((await client.closed).code).toBe(1000);
    expect((await recorded(connectionId, 'disconnect')).requestContext.disconnectStatusCode).toBe(1000);
  });

  it('answers 410 GoneException for unknown and closed connections', async () => {
    const client = await connect();
    const closedId = await connectionIdOf(client);
    client.ws.close();
    await client.closed;
    for (const ConnectionId of ['AAAAAAAAAAAAAAA=', closedId]) {
      await expect(management.send(new PostToConnectionCommand({ ConnectionId, Data: 'x' }))).rejects.toBeInstanceOf(GoneException);
      await expect(management.send(new GetConnectionCommand({ ConnectionId }))).rejects.toBeInstanceOf(GoneException);
      await expect(management.send(new DeleteConnectionCommand({ ConnectionId }))).rejects.toBeInstanceOf(GoneException);
    }
  });

  it('answers 413 PayloadTooLargeException for a message over 128 KB', async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    const post = management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * KB + 1) }));
    await expect(post).rejects.toBeInstanceOf(PayloadTooLargeException);
  });
});

describe('shared/ws from a handler', () => {
  it('posts back to the calling connection', async () => {
    const client = await connect();
    client.send({ action: 'reply', text: 'pushed' });
    expect((await client.next()).text).toBe('pushed');
    expect(await client.nextJson()).toEqual({ delivery: 'sent' });
  });

  it("answers 'gone' for a connection that has left", async () => {
    const leaving = await connect();
    const goneId = await connectionIdOf(leaving);
    leaving.ws.close();
    await leaving.closed;
    const client = await connect();
    client.send({ action: 'reply', text: 'anyone?', to: goneId });
    expect(await client.nextJson()).toEqual({ delivery: 'gone' });
  });

  it('closes the calling connection', async () => {
    const client = await connect();
    client.send({ action: 'leave' });
    expect((await client.closed).code).toBe(1000);
  });
});

describe('limits', () => {
  it('closes with 1009 on a frame over 32 KB', async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    client.send('x'.repeat(32 * KB + 1));
    expect((await client.closed).code).toBe(1009);
    expect((await recorded(connectionId, 'disconnect')).requestContext).toMatchObject({ disconnectStatusCode: 1009, disconnectReason: 'Message too big' });
  });

  it('delivers a 100 KB message sent as frames of 25 KB', async () => {
    const client = await connect();
    const body = JSON.stringify({ action: 'echo', pad: 'x'.repeat(100 * KB) });
    sendInFrames(client.ws, body, 25 * KB);
    expect((await client.nextJson()).body).toBe(body);
  });

  it('closes with 1009 on a message over 128 KB, even in frames under 32 KB', async () => {
    const client = await connect();
    const connectionId = await connectionIdOf(client);
    sendInFrames(client.ws, 'x'.repeat(130 * KB), 30 * KB);
    expect((await client.closed).code).toBe(1009);
    expect((await recorded(connectionId, 'disconnect')).requestContext).toMatchObject({ disconnectStatusCode: 1009, disconnectReason: 'Message too big' });
  });
});

function sendInFrames(ws: WebSocket, text: string, frameBytes: number): void {
  for (let offset = 0; offset < text.length; offset += frameBytes) {
    ws.send(text.slice(offset, offset + frameBytes), { fin: offset + frameBytes >= text.length });
  }
}

describe('describe()', () => {
  it('lists every route with its function and the management endpoint', () => {
    const lines = runtime.describe().join('\n');
    expect(lines).toContain(`$connect     ${wsUrl('/ws')}  → websocket-chat-service-`);
    expect(lines).toContain(`echo         ${wsUrl('/strict')}  → websocket-chat-service-`);
    expect(lines).toContain(`${addresses.websocketManagement(runtime.url, 'websocket-chat-service', 'chat')}/@connections/{connectionId}`);
  });
});

describe('connection lifetime', () => {
  let short: LocalRuntime;
  beforeAll(async () => {
    short = await startTestRuntime({ services: [websocketService], websocketIdleTimeoutSeconds: 1 });
  });
  afterAll(() => short?.stop());

  const connectShort = async (path: string) => {
    const ws = new WebSocket(addresses.websocketUrl(short.url, 'websocket-chat-service', path));
    const client = new Client(ws);
    opened.push(client);
    await new Promise((resolve) => ws.once('open', resolve));
    return client;
  };

  it('closes a connection idle for the idle timeout with 1001 Going away, and runs $disconnect', async () => {
    const client = await connectShort('/ws');
    const lastMessageSentAt = Date.now();
    const connectionId = await connectionIdOf(client);
    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - lastMessageSentAt).toBeGreaterThanOrEqual(950);
    expect((await recorded(connectionId, 'disconnect', short)).requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  it('keeps a connection open while the client keeps sending messages or pings', async () => {
    const client = await connectShort('/strict');
    const openedAt = Date.now();
    // Activity every 200 ms, well inside the 1 s idle timeout, for twice that timeout: the pacing is what is tested.
    for (let i = 0; Date.now() - openedAt < 2000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (i % 2) client.ws.ping();
      else client.send('still here');
    }
    // A ping answered, rather than a close, shows the connection still open after all of it.
    const answered = new Promise<string>((resolve) => client.ws.once('pong', () => resolve('open')));
    client.ws.ping();
    expect(await Promise.race([answered, client.closed.then(({ code }) => `closed with ${code}`)])).toBe('open');
  });

  it('closes open connections with 1001 when the runtime stops', async () => {
    const stopping = await startTestRuntime({ services: [websocketService] });
    const ws = new WebSocket(addresses.websocketUrl(stopping.url, 'websocket-chat-service', '/strict'));
    const client = new Client(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    await stopping.stop();
    expect((await client.closed).code).toBe(1001);
  });
});
