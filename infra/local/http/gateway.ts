/**
 * Each service's HTTP API under `/<service>`, and its webhooks as Function URLs
 * under `/<service>/webhooks/<name>`: routing as API Gateway does it, CORS per
 * manifest, one function invocation per request. Payloads past Lambda's
 * quotas are answered as AWS answers them: 413 for the request, 502 for the
 * function's response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { functionsOf, type Cors, type ServiceManifest } from '../../../shared/manifest.ts';
import { readBody, type Component, type RuntimeContext } from '../component.ts';
import { FunctionError } from '../lambda/host.ts';
import { REQUEST_TOO_LARGE, RESPONSE_TOO_LARGE } from '../lambda/payload-limits.ts';
import { proxyEventV2, writeGatewayError, writeProxyResult } from './proxy-event.ts';

/** API Gateway's own limit on a request body; the event made of it must also fit Lambda's 6 MB (payload-limits.ts). */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  method: string;
  routeKey: string;
  functionName: string;
  segments: string[];
  /** Static segments count more than parameters; greedy paths come last. */
  score: number;
  greedy: boolean;
}

interface ServiceApi {
  manifest: ServiceManifest;
  routes: CompiledRoute[];
  webhooks: Map<string, string>;
}

function compile(method: string, path: string, functionName: string): CompiledRoute {
  const segments = path.split('/').filter(Boolean);
  const greedy = segments.at(-1)?.endsWith('+}') ?? false;
  const statics = segments.filter((s) => !s.startsWith('{')).length;
  return { method, routeKey: `${method} ${path}`, functionName, segments, greedy, score: statics * 2 + segments.length - (greedy ? 1000 : 0) };
}

function match(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i];
    if (route.greedy && i === route.segments.length - 1) {
      if (parts.length < route.segments.length) return undefined;
      params[segment.slice(1, -2)] = parts.slice(i).map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decode(part);
    else if (segment !== part) return undefined;
  }
  return parts.length === route.segments.length ? params : undefined;
}

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

function corsHeaders(cors: Cors, req: IncomingMessage, preflight: boolean): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  const anyOrigin = cors.allowOrigins.includes('*');
  if (!anyOrigin && !cors.allowOrigins.includes(origin)) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin && !cors.allowCredentials ? '*' : origin,
  };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.exposeHeaders?.length) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (preflight) {
    const requestedMethod = req.headers['access-control-request-method'] ?? '';
    const requestedHeaders = req.headers['access-control-request-headers'] ?? '';
    const methods = cors.allowMethods ?? ['*'];
    headers['access-control-allow-methods'] = methods.includes('*') ? requestedMethod || '*' : methods.join(',');
    const allowHeaders = cors.allowHeaders ?? [];
    headers['access-control-allow-headers'] = allowHeaders.includes('*') ? requestedHeaders || '*' : allowHeaders.join(',');
    if (cors.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(cors.maxAgeSeconds);
  }
  return headers;
}

export class HttpGateway implements Component {
  private readonly apis = new Map<string, ServiceApi>();

  constructor(private readonly ctx: RuntimeContext) {
    for (const manifest of ctx.services) {
      const api: ServiceApi = { manifest, routes: [], webhooks: new Map() };
      for (const fn of functionsOf(manifest)) {
        const name = ctx.functionName(manifest.name, fn.id);
        if (fn.trigger.kind === 'http') api.routes.push(compile(fn.trigger.route.method, fn.trigger.route.path, name));
        if (fn.trigger.kind === 'webhook') api.webhooks.set(fn.trigger.webhook.name, name);
      }
      api.routes.sort((a, b) => b.score - a.score);
      this.apis.set(manifest.name, api);
    }
  }

  async stop(): Promise<void> {}

  describe(): string[] {
    const lines: string[] = [];
    for (const [service, api] of this.apis) {
      for (const route of [...api.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey))) {
        const [method, path] = route.routeKey.split(' ');
        lines.push(`http     ${method.padEnd(7)} ${this.ctx.baseUrl}/${service}${path}  → ${route.functionName}`);
      }
      for (const [name, fn] of api.webhooks) lines.push(`webhook  ANY     ${this.ctx.baseUrl}/${service}/webhooks/${name}  → ${fn}`);
    }
    return lines;
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const [, service, ...segments] = url.pathname.split('/');
    const api = this.apis.get(service);
    if (!api) return false;
    const rest = api.manifest.http.caseInsensitivePaths ? segments.map((s) => s.toLowerCase()) : segments;
    const rawPath = `/${rest.join('/')}`;
    if (rest[0] === 'webhooks' && rest[1] && api.webhooks.has(rest[1])) {
      await this.serveWebhook(req, res, url, service, rest[1], api.webhooks.get(rest[1])!, `/${rest.slice(2).join('/')}`);
      return true;
    }
    const method = req.method ?? 'GET';
    const cors = api.manifest.http.cors;
    if (method === 'OPTIONS' && cors && req.headers['access-control-request-method']) {
      res.writeHead(204, corsHeaders(cors, req, true));
      res.end();
      return true;
    }
    const parts = rawPath.split('/').filter(Boolean);
    let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const candidateMethod of [method, 'ANY']) {
      for (const route of api.routes) {
        if (route.method !== candidateMethod) continue;
        const params = match(route, parts);
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (found) break;
    }
    const extra = cors ? corsHeaders(cors, req, false) : {};
    if (!found) {
      writeGatewayError(res, 404, 'Not Found');
      return true;
    }
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (!body) {
      writeGatewayError(res, 413, 'Request Entity Too Large');
      return true;
    }
    const event = proxyEventV2({
      req,
      body,
      rawPath,
      rawQueryString: url.search.slice(1),
      routeKey: found.route.routeKey,
      apiId: `${service}-http`,
      domainName: req.headers.host ?? 'localhost',
      pathParameters: Object.keys(found.params).length ? found.params : undefined,
    });
    await this.invokeAndRespond(res, found.route.functionName, event, extra);
    return true;
  }

  private async serveWebhook(req: IncomingMessage, res: ServerResponse, url: URL, service: string, name: string, functionName: string, rawPath: string) {
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (!body) return writeGatewayError(res, 413, 'Request Entity Too Large');
    const urlId = `${service}-${name}`;
    const event = proxyEventV2({
      req,
      body,
      rawPath,
      rawQueryString: url.search.slice(1),
      routeKey: '$default',
      apiId: urlId,
      domainName: `${urlId}.lambda-url.us-east-1.on.aws`,
    });
    // As a Function URL does: the scheme and port the request reached it on (a signature check rebuilds the URL from them).
    event.headers['x-forwarded-proto'] = 'http';
    event.headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
    await this.invokeAndRespond(res, functionName, event, {});
  }

  private async invokeAndRespond(res: ServerResponse, functionName: string, event: unknown, extra: Record<string, string>) {
    try {
      const result = await this.ctx.host.invoke(functionName, event);
      writeProxyResult(res, result, extra);
    } catch (error) {
      this.ctx.log(`✖ ${functionName}: ${(error as Error).name}: ${(error as Error).message}`);
      const type = error instanceof FunctionError ? error.errorType : undefined;
      if (type === REQUEST_TOO_LARGE) writeGatewayError(res, 413, 'Request Entity Too Large');
      else writeGatewayError(res, type === RESPONSE_TOO_LARGE ? 502 : 500, 'Internal Server Error');
    }
  }
}
