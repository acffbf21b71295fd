/**
 * One accepted client connection with API Gateway's rules: frame and message
 * size limits, idle timeout, maximum duration, and why it closed (for
 * `$disconnect`). As on AWS, each message is dispatched the moment it arrives,
 * concurrently with those still running: a message (say, "stop") must be able
 * to reach a long invocation already under way.
 */
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { FrameSizeWatch } from './frames.ts';
import type { CloseCause, ConnectionInfo } from './events.ts';

export interface ConnectionLimits {
  frameBytes: number;
  idleMs: number;
  maxDurationMs: number;
}

export interface ConnectionListener {
  message(connection: WebSocketConnection, data: Buffer, isBinary: boolean): Promise<void>;
  closed(connection: WebSocketConnection, cause: CloseCause): void;
}

export const GOING_AWAY: CloseCause = { code: 1001, reason: 'Going away' };
export const CLOSED_BY_SERVER: CloseCause = { code: 1000, reason: 'Connection Closed Normally' };
const TOO_BIG: CloseCause = { code: 1009, reason: 'Message too big' };

/** The status `ws` closes with when a client breaks the rules, by its error code; anything else is 1002. */
const ERROR_CLOSE_CODES: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 1008,
};

/** Reasons for client-side closes that carry none of their own. */
const CLIENT_REASONS: Record<number, string> = {
  1000: 'Connection Closed Normally',
  1001: 'Going away',
  1005: 'Client-side close frame status not set',
  1006: 'Connection closed abnormally',
};

export class WebSocketConnection {
  lastActiveAt: number;
  /** Resolves once the socket is closed, whoever closed it. */
  readonly closed: Promise<void>;
  private serverClose?: CloseCause;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly idleTimer: NodeJS.Timeout;
  private readonly lifetimeTimer: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    socket: Duplex,
    readonly info: ConnectionInfo,
    limits: ConnectionLimits,
    listener: ConnectionListener,
  ) {
    this.lastActiveAt = info.connectedAt;
    this.idleTimer = setTimeout(() => this.close(GOING_AWAY), limits.idleMs).unref();
    this.lifetimeTimer = setTimeout(() => this.close(GOING_AWAY), limits.maxDurationMs).unref();

    // Sees each chunk before `ws` does, so a message in an oversized frame is never routed.
    const frames = new FrameSizeWatch(limits.frameBytes);
    const watchFrames = (chunk: Buffer) => {
      if (frames.push(chunk)) return;
      socket.off('data', watchFrames);
      this.close(TOO_BIG);
    };
    socket.prependListener('data', watchFrames);

    ws.on('error', (error: Error & { code?: string }) => {
      // `ws` has already closed with the matching status and stops reading, so the client's echo never arrives.
      const code = ERROR_CLOSE_CODES[error.code ?? ''] ?? 1002;
      this.serverClose ??= code === TOO_BIG.code ? TOO_BIG : { code, reason: error.message };
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (this.serverClose) return;
      this.touch();
      const run = listener.message(this, data, isBinary).catch(() => undefined);
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    });
    ws.on('ping', () => this.touch());
    this.closed = new Promise((resolve) => {
      ws.on('close', (code: number, reason: Buffer) => {
        clearTimeout(this.idleTimer);
        clearTimeout(this.lifetimeTimer);
        listener.closed(this, this.serverClose ?? { code, reason: reason.toString() || CLIENT_REASONS[code] || '' });
        resolve();
      });
    });
  }

  get id(): string {
    return this.info.connectionId;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.serverClose;
  }

  send(data: string | Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /** Runs once the messages already dispatched have settled (`$disconnect` comes last). */
  async afterInFlight(task: () => Promise<void>): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    return task();
  }

  close(cause: CloseCause): void {
    if (this.serverClose || this.ws.readyState !== WebSocket.OPEN) return;
    this.serverClose = cause;
    this.ws.close(cause.code, cause.reason);
  }

  /** Drops the socket without waiting for the client's close frame. */
  terminate(): void {
    this.serverClose ??= GOING_AWAY;
    this.ws.terminate();
  }

  private touch(): void {
    this.lastActiveAt = Date.now();
    this.idleTimer.refresh();
  }
}
