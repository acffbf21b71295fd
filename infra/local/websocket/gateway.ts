/**
 * Each service's WebSocket APIs under `/<service><api.path>`, as API Gateway
 * runs them: `$connect` decides the handshake, messages are routed by the
 * route selection expression, `$disconnect` follows every close, and the
 * `@connections` management endpoint lets functions push to and close
 * connections through the real SDK client.
 */
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { envNames, functionsOf, type WebSocketApi } from '../../../shared/manifest.ts';
import { addresses } from '../addresses.ts';
import { sendJson, type Component, type RuntimeContext } from '../component.ts';
import { sourceIpOf } from '../http/proxy-event.ts';
import { CLOSED_BY_SERVER, GOING_AWAY, WebSocketConnection, type ConnectionListener } from './connection.ts';
import { connectEvent, disconnectEvent, gatewayErrorFrame, gatewayId, messageEvent, type ConnectionInfo } from './events.ts';

/** API Gateway's WebSocket quotas. */
const FRAME_BYTES = 32 * 1024;
const MESSAGE_BYTES = 128 * 1024;
const MAX_DURATION_MS = 2 * 60 * 60 * 1000;
/** How long shutdown waits for close handshakes and `$disconnect` handlers. */
const SHUTDOWN_GRACE_MS = 1000;

interface MountedApi {
  service: string;
  api: WebSocketApi;
  apiId: string;
  /** Route key → function name. */
  functions: Map<string, string>;
  /** The route key a text message asks for, per the route selection expression. */
  selectRoute: (body: string) => string | undefined;
  connections: Map<string, WebSocketConnection>;
}

/** `$request.body.action` and deeper paths (`$request.body.meta.type`). */
function routeSelector(expression: string): (body: string) => string | undefined {
  const path = /^\$request\.body\.(.+)$/.exec(expression)?.[1]?.split('.');
  if (!path) throw new Error(`routeSelectionExpression ${expression}: the local gateway understands $request.body.<path>`);
  return (body) => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  };
}

/** What a two-way route's result sends back: a string as is, or the `body` of a proxy result. */
function routeResponse(result: unknown): string | Buffer | undefined {
  if (typeof result === 'string') return result;
  if (result === null || typeof result !== 'object') return undefined;
  const { body, isBase64Encoded } = result as { body?: unknown; isBase64Encoded?: boolean };
  if (typeof body !== 'string') return undefined;
  return isBase64Encoded ? Buffer.from(body, 'base64') : body;
}

/** API Gateway answers a refused `$connect` with the handler's status and no upgrade. */
function refuseHandshake(socket: Duplex, status: number): void {
  const text = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ message: text });
  socket.end(`HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/** Management API errors, shaped so the SDK raises the named exception. */
function sendManagementError(res: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(res, status, { message }, { 'x-amzn-errortype': errorType });
}

const within = (work: Promise<unknown>, ms: number) => Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

export class WebSocketGateway implements Component {
  private readonly byPath = new Map<string, MountedApi>();
  private readonly byManagementPath = new Map<string, MountedApi>();
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MESSAGE_BYTES, perMessageDeflate: false, clientTracking: false });
  /** `$disconnect` invocations still running, so shutdown can wait for them a little. */
  private readonly disconnecting = new Set<Promise<void>>();
  private stopping = false;
  /** Services whose paths match in any case (the manifest's `http.caseInsensitivePaths`). */
  private readonly caseInsensitive = new Set<string>();

  constructor(private readonly ctx: RuntimeContext) {
    for (const manifest of ctx.services) {
      if (manifest.http.caseInsensitivePaths) this.caseInsensitive.add(manifest.name);
      const mounted = new Map<string, MountedApi>();
      for (const api of manifest.websockets ?? []) {
        const entry: MountedApi = {
          service: manifest.name,
          api,
          apiId: `${manifest.name}-${api.name}`,
          functions: new Map(),
          selectRoute: routeSelector(api.routeSelectionExpression),
          connections: new Map(),
        };
        mounted.set(api.name, entry);
        this.byPath.set(`/${manifest.name}${api.path}`, entry);
        this.byManagementPath.set(addresses.websocketManagement('', manifest.name, api.name), entry);
      }
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'websocket') continue;
        mounted.get(fn.trigger.api.name)!.functions.set(fn.trigger.routeKey, ctx.functionName(manifest.name, fn.id));
      }
    }
  }

  describe(): string[] {
    const lines: string[] = [];
    for (const mounted of this.byPath.values()) {
      const url = addresses.websocketUrl(this.ctx.baseUrl, mounted.service, mounted.api.path);
      for (const [routeKey, fn] of mounted.functions) lines.push(`ws       ${routeKey.padEnd(12)} ${url}  → ${fn}`);
      const management = addresses.websocketManagement(this.ctx.baseUrl, mounted.service, mounted.api.name);
      lines.push(`ws-mgmt  @connections ${management}/@connections/{connectionId}  (${envNames.websocketEndpoint(mounted.api.name)})`);
    }
    return lines;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean {
    const mounted = this.byPath.get(url.pathname) ?? this.byPath.get(this.lowercased(url.pathname));
    if (!mounted) return false;
    void this.connect(mounted, req, socket, head, url).catch((error) => {
      this.ctx.log(`✖ websocket ${url.pathname}: ${(error as Error).stack ?? error}`);
      socket.destroy();
    });
    return true;
  }

  /** The path an API of a service with `caseInsensitivePaths` is matched on: lowercased after the service prefix, as for its HTTP routes. */
  private lowercased(pathname: string): string {
    const [, service, ...rest] = pathname.split('/');
    if (!this.caseInsensitive.has(service)) return pathname;
    return `/${service}/${rest.join('/').toLowerCase()}`;
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const found = this.managedConnection(url.pathname);
    if (!found) return false;
    const { mounted, connectionId } = found;
    const connection = mounted.connections.get(connectionId);
    if (req.method === 'POST') {
      await this.postToConnection(req, res, connection);
    } else if (req.method !== 'GET' && req.method !== 'DELETE') {
      sendJson(res, 405, { message: 'Method Not Allowed' });
    } else if (!connection?.isOpen) {
      sendManagementError(res, 410, 'GoneException', 'Gone');
    } else if (req.method === 'GET') {
      sendJson(res, 200, {
        connectedAt: new Date(connection.info.connectedAt).toISOString(),
        identity: { sourceIp: connection.info.sourceIp, userAgent: connection.info.userAgent ?? '' },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
    } else {
      connection.close(CLOSED_BY_SERVER);
      res.writeHead(204).end();
    }
    return true;
  }

  /** `<management path>/@connections/<id>`; SDKs send `@` as is, some HTTP tools as `%40`. */
  private managedConnection(pathname: string): { mounted: MountedApi; connectionId: string } | undefined {
    for (const [path, mounted] of this.byManagementPath) {
      if (!pathname.startsWith(`${path}/`)) continue;
      const encodedId = /^(?:@|%40)connections\/([^/]+)$/.exec(pathname.slice(path.length + 1))?.[1];
      if (encodedId === undefined) return undefined;
      try {
        return { mounted, connectionId: decodeURIComponent(encodedId) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const open = [...this.byPath.values()].flatMap((mounted) => [...mounted.connections.values()]);
    for (const connection of open) connection.close(GOING_AWAY);
    await within(Promise.all(open.map((c) => c.closed)), SHUTDOWN_GRACE_MS);
    for (const connection of open) connection.terminate();
    await Promise.all(open.map((c) => c.closed));
    await within(Promise.all(this.disconnecting), SHUTDOWN_GRACE_MS);
  }

  /** `$connect` runs before the handshake completes: only a 2xx answer (or no `$connect` route) lets the client in. */
  private async connect(mounted: MountedApi, req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    let clientLeft = false;
    socket.on('error', () => undefined);
    socket.once('close', () => (clientLeft = true));
    const info: ConnectionInfo = {
      connectionId: gatewayId(),
      connectedAt: Date.now(),
      sourceIp: sourceIpOf(req),
      userAgent: req.headers['user-agent'],
      apiId: mounted.apiId,
      domainName: req.headers.host ?? 'localhost',
    };
    const status = this.stopping ? 503 : await this.authorize(mounted, info, req, url);
    if (clientLeft) return;
    // A shutdown that began while `$connect` ran must not gain a connection it will never close.
    if (this.stopping) return refuseHandshake(socket, 503);
    if (status < 200 || status > 299) return refuseHandshake(socket, status);
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(mounted, info, ws, socket));
  }

  private async authorize(mounted: MountedApi, info: ConnectionInfo, req: IncomingMessage, url: URL): Promise<number> {
    const fn = mounted.functions.get('$connect');
    if (!fn) return 200;
    try {
      const result = await this.ctx.host.invoke(fn, connectEvent(info, req, url, gatewayId()));
      const status = (result as { statusCode?: unknown } | null)?.statusCode;
      if (status === undefined) return 200;
      return Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599 ? (status as number) : 502;
    } catch (error) {
      this.ctx.log(`✖ ${fn}: ${(error as Error).name}: ${(error as Error).message}`);
      return 500;
    }
  }

  private accept(mounted: MountedApi, info: ConnectionInfo, ws: WebSocket, socket: Duplex): void {
    const listener: ConnectionListener = {
      message: (connection, data, isBinary) => this.route(mounted, connection, data, isBinary),
      closed: (connection, cause) => {
        mounted.connections.delete(connection.id);
        const fn = mounted.functions.get('$disconnect');
        if (!fn) return;
        const run = connection.afterInFlight(() => this.invokeQuietly(fn, disconnectEvent(connection.info, cause, gatewayId())));
        this.disconnecting.add(run);
        void run.finally(() => this.disconnecting.delete(run));
      },
    };
    const connection = new WebSocketConnection(
      ws,
      socket,
      info,
      { frameBytes: FRAME_BYTES, idleMs: this.ctx.websocketIdleTimeoutSeconds * 1000, maxDurationMs: MAX_DURATION_MS },
      listener,
    );
    mounted.connections.set(info.connectionId, connection);
  }

  /** Binary frames and messages naming no known route go to `$default`; without one the client is told `Forbidden`. */
  private async route(mounted: MountedApi, connection: WebSocketConnection, data: Buffer, isBinary: boolean): Promise<void> {
    const requestId = gatewayId();
    const asked = isBinary ? undefined : mounted.selectRoute(data.toString('utf8'));
    const named = asked !== undefined && asked !== '$connect' && asked !== '$disconnect' && mounted.functions.has(asked);
    const routeKey = named ? asked : '$default';
    const fn = mounted.functions.get(routeKey);
    if (!fn) return connection.send(gatewayErrorFrame('Forbidden', connection.id, requestId));
    try {
      const result = await this.ctx.host.invoke(fn, messageEvent(connection.info, routeKey, data, isBinary, requestId));
      if (!mounted.api.routes[routeKey].returnsResponse) return;
      const reply = routeResponse(result);
      if (reply !== undefined) connection.send(reply);
    } catch (error) {
      this.ctx.log(`✖ ${fn}: ${(error as Error).name}: ${(error as Error).message}`);
      connection.send(gatewayErrorFrame('Internal server error', connection.id, requestId));
    }
  }

  private async postToConnection(req: IncomingMessage, res: ServerResponse, connection: WebSocketConnection | undefined): Promise<void> {
    // Read to the end even past the limit: abandoning the body would reset the socket before the answer.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MESSAGE_BYTES) chunks.push(chunk as Buffer);
    }
    if (size > MESSAGE_BYTES) return sendManagementError(res, 413, 'PayloadTooLargeException', `Message of ${size} bytes exceeds ${MESSAGE_BYTES}`);
    if (!connection?.isOpen) return sendManagementError(res, 410, 'GoneException', 'Gone');
    const data = Buffer.concat(chunks);
    connection.send(isUtf8(data) ? data.toString('utf8') : data);
    res.writeHead(200, { 'content-length': '0' }).end();
  }

  private async invokeQuietly(fn: string, event: unknown): Promise<void> {
    try {
      await this.ctx.host.invoke(fn, event);
    } catch (error) {
      this.ctx.log(`✖ ${fn}: ${(error as Error).name}: ${(error as Error).message}`);
    }
  }
}
