/**
 * What every provider stand-in is made of: a small HTTP API answered by a
 * function, mounted on the runtime's port at `/_local/<name>`, recording the
 * requests it received (the latest ones, so a runtime left running all day
 * does not grow). `startFakeServer` serves one on a port of its own, for code
 * tested without a runtime.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderFake } from '../component.ts';
import { readBody } from '../component.ts';

export interface FakeRequest {
  method: string;
  /** Path and query below the stand-in's mount point (`/v2/projects/...`). */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
}

export type Answer = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

const KEPT_REQUESTS = 500;
const MAX_BODY_BYTES = 1024 * 1024;

export const fakePath = (name: string) => `/_local/${name}`;

export class ProviderApi implements ProviderFake {
  /** The requests received, oldest first (the latest few hundred). */
  readonly requests: FakeRequest[] = [];
  private baseUrl?: string;

  constructor(
    readonly name: string,
    /** What the startup table says it stands in for. */
    private readonly standsInFor: string,
    private readonly answer: Answer,
  ) {}

  /** Where the stand-in answers, e.g. `http://127.0.0.1:3000/_local/revenuecat`. */
  get url(): string {
    if (!this.baseUrl) throw new Error(`the ${this.name} stand-in is not mounted on a runtime yet`);
    return `${this.baseUrl}${fakePath(this.name)}`;
  }

  mount(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  describe(): string[] {
    return [`fake     ${this.url}  (${this.standsInFor} stand-in)`];
  }

  async stop(): Promise<void> {}

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const prefix = fakePath(this.name);
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    await this.serve(req, res, (req.url ?? '/').slice(prefix.length) || '/');
    return true;
  }

  /** Answers one request whose path is already relative to the mount point. */
  async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return void res.writeHead(413, { 'content-length': '0' }).end();
    const request: FakeRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: body.toString('utf8') };
    this.requests.push(request);
    if (this.requests.length > KEPT_REQUESTS) this.requests.shift();
    try {
      const { status, body: answer } = await this.answer(request);
      const payload = answer === undefined ? '' : JSON.stringify(answer);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }).end(payload);
    } catch (error) {
      const payload = String(error);
      res.writeHead(500, { 'content-length': Buffer.byteLength(payload) }).end(payload);
    }
  }
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** A stand-in on a port of its own: for code under test without a runtime (a fake AWS endpoint, say). */
export async function startFakeServer(answer: Answer): Promise<FakeServer> {
  const api = new ProviderApi('standalone', 'provider', answer);
  const server = createServer((req, res) => void api.serve(req, res, req.url ?? '/'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: api.requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The bearer token of a request, if any. */
export const bearerOf = (request: FakeRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
