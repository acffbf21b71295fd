/** How the parts of the local runtime (gateways, queues, storage, outbox) plug into its one server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceManifest } from '../../shared/manifest.ts';
import type { LambdaHost } from './lambda-host.ts';

export interface RuntimeContext {
  services: ServiceManifest[];
  host: LambdaHost;
  /** `http://127.0.0.1:<port>`: the one port everything is served on. */
  baseUrl: string;
  /** The registered name of a manifest function (`liftlog-health-get-health`). */
  functionName(service: string, functionId: string): string;
  /** Scales schedule rates (0.001 turns `rate(1 minute)` into 60 ms), for tests. */
  timeScale: number;
  websocketIdleTimeoutSeconds: number;
  log(line: string): void;
}

export interface Component {
  /** Serves a request it owns; answers false when the path is not its own. */
  handleRequest?(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
  /** Takes over a WebSocket upgrade it owns; answers false otherwise. */
  handleUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
  start?(): void | Promise<void>;
  stop(): Promise<void>;
  /** Lines for the startup table: `kind  address  → function`. */
  describe?(): string[];
}

/** Reads a whole request body, refusing past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}
