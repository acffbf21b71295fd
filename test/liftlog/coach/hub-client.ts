/**
 * The app's side of the hubs: the real `@microsoft/signalr` client over
 * WebSockets, collecting every `ReceiveMessage` the server sends.
 */
import { afterEach, expect } from 'vitest';
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';

export type Received = Record<string, any>;

export class ChatClient {
  readonly received: Received[] = [];
  /** Re-checked on every message received, by `until`. */
  private readonly watchers = new Set<() => void>();

  private constructor(readonly connection: HubConnection) {
    connection.on('ReceiveMessage', (message: Received) => {
      this.received.push(message);
      for (const watcher of [...this.watchers]) watcher();
    });
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

  /** Resolves once `condition` holds over what was received; the timeout only bounds a wait for messages that never come. */
  until(condition: (received: Received[]) => boolean, timeoutMs = 20_000): Promise<void> {
    if (condition(this.received)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const watcher = () => {
        if (!condition(this.received)) return;
        settle();
        resolve();
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`condition not met within ${timeoutMs} ms; received ${JSON.stringify(this.received).slice(0, 500)}`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.watchers.delete(watcher);
      };
      this.watchers.add(watcher);
    });
  }

  /**
   * Resolves once everything the server sent this connection before the call
   * has arrived. Every message goes out on the one WebSocket, in the order the
   * hub posted it, so the answer to a call made now comes in behind all of
   * them. The call names no hub method: the hub refuses it and changes nothing.
   */
  async roundTrip(): Promise<void> {
    await expect(this.connection.invoke('RoundTrip')).rejects.toThrow(/does not exist/);
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}

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
