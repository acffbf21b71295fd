/** How the parts of the local runtime (gateways, queues, storage, outbox, provider stand-ins) plug into its one server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceManifest } from '../../shared/manifest.ts';
import type { LambdaHost } from './lambda/host.ts';

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
  /** Where state survives a restart (queues, objects, outbox); undefined for an in-memory run. */
  dataDir?: string;
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

/**
 * A stand-in for an outside provider's API (fakes/), served on the runtime's
 * port under `/_local/<name>`, the same way by `npm start` and by the tests.
 * It knows nothing of the runtime until mounted, so tests can hold it and set
 * up what it answers.
 */
export interface ProviderFake extends Component {
  /** Its path segment under `/_local/`. */
  readonly name: string;
  /** Called once the runtime's address is known, before any request. */
  mount(baseUrl: string): void;
  /** Variables that point functions' real provider adapters at this stand-in (set for every function). */
  environment?(): Record<string, string>;
}

/**
 * Reads a whole request body. Past `limit` bytes it answers undefined, having
 * read (and dropped) the rest, so the answer reaches the client and the
 * connection stays usable for its next request.
 */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}
