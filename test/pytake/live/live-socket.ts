/**
 * A client of a live events API as an agent's browser uses it: a real
 * WebSocket through the local gateway, JSON frames out, `{event, data}` frames
 * in, every frame kept in arrival order.
 */
import { WebSocket } from 'ws';

export interface Frame {
  event: string;
  data: Record<string, any>;
  id?: string;
  at?: string;
}

export class LiveSocket {
  readonly frames: Frame[] = [];
  private readonly watchers = new Set<() => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')));
      for (const watcher of [...this.watchers]) watcher();
    });
  }

  /** Connects to `url` (`ws://…`); rejects with the handshake's HTTP status when `$connect` refuses. */
  static open(url: string, headers: Record<string, string> = {}): Promise<LiveSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new LiveSocket(ws)));
      ws.once('unexpected-response', (_request, response) => {
        reject(new RefusedError(response.statusCode ?? 0));
        response.resume();
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** The HTTP status a refused handshake answered. */
  static async refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
    try {
      const socket = await LiveSocket.open(url, headers);
      await socket.close();
      return 101;
    } catch (error) {
      if (error instanceof RefusedError) return error.status;
      throw error;
    }
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  ofEvent(event: string): Frame[] {
    return this.frames.filter((frame) => frame.event === event);
  }

  /** Resolves with the first frame (from `from` on) that `match` accepts; the timeout only bounds a wait for one that never comes. */
  next(match: (frame: Frame) => boolean, { from = 0, timeoutMs = 20_000 } = {}): Promise<Frame> {
    const find = () => this.frames.slice(from).find(match);
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const watcher = () => {
        const frame = find();
        if (!frame) return;
        settle();
        resolve(frame);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no matching frame within ${timeoutMs} ms; received ${JSON.stringify(this.frames).slice(0, 800)}`));
      }, timeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.watchers.delete(watcher);
      };
      this.watchers.add(watcher);
    });
  }

  /** Sends `frame` and resolves with its answer: the next frame after it that is not a published event (those carry an `id`). */
  async ask(frame: unknown): Promise<Frame> {
    const from = this.frames.length;
    this.send(frame);
    return this.next((answer) => answer.id === undefined, { from });
  }

  /**
   * Resolves once every frame the service posted to this connection before
   * the call has arrived: the pong is written behind them on the same socket.
   */
  async roundTrip(): Promise<void> {
    const stamp = `rt-${Math.random()}`;
    const from = this.frames.length;
    this.send({ action: 'ping', timestamp: stamp });
    await this.next((frame) => frame.event === 'pong' && frame.data.timestamp === stamp, { from });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export class RefusedError extends Error {
  constructor(readonly status: number) {
    super(`the handshake was refused with ${status}`);
  }
}

/** Opens sockets and closes every one of them after each test of the file that calls it. */
export function socketPool(afterEach: (fn: () => Promise<void>) => void) {
  const open: LiveSocket[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((socket) => socket.close()));
  });
  return async (url: string, headers: Record<string, string> = {}) => {
    const socket = await LiveSocket.open(url, headers);
    open.push(socket);
    return socket;
  };
}
