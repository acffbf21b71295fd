/**
 * The app's side of the hubs: the real `@microsoft/signalr` client over
 * WebSockets, collecting every `ReceiveMessage` the server sends.
 */
import { afterEach } from 'vitest';
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';

export type Received = Record<string, any>;

export class ChatClient {
  readonly received: Received[] = [];

  private constructor(readonly connection: HubConnection) {
    connection.on('ReceiveMessage', (message: Received) => this.received.push(message));
  }

  /** Negotiates and connects to the hub at `url` with `authorization` (`<Store> <token>`). */
  static async open(url: string, authorization: string): Promise<ChatClient> {
    const connection = new HubConnectionBuilder()
      .withUrl(url, {
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: () => authorization,
      })
      .configureLogging(LogLevel.None)
      .build();
    await connection.start();
    return new ChatClient(connection);
  }

  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    return this.connection.invoke(method, ...args);
  }

  ofType(type: string): Received[] {
    return this.received.filter((message) => message.type === type);
  }

  /** Resolves once `condition` holds over what was received. */
  async until(condition: (received: Received[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.received)) {
      if (Date.now() > deadline) throw new Error(`condition not met; received ${JSON.stringify(this.received).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens clients to one hub and closes all of them after each test of the file that calls it. */
export function hubClients(hubUrl: () => string, authorization: string): () => Promise<ChatClient> {
  const opened: ChatClient[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((client) => client.stop()));
  });
  return async () => {
    const client = await ChatClient.open(hubUrl(), authorization);
    opened.push(client);
    return client;
  };
}
