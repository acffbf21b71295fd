/**
 * Talks to the kraliki service as its web dashboard does: JSON requests, the
 * access token in `Authorization: Bearer`, each request from a loopback
 * address of its choosing (127.x.y.z) so per-address limits are met the way
 * they are in the field. Every answer is checked against the service's OpenAPI
 * document: a test that observes an undocumented answer fails, and so does
 * one that sees a password hash in any answer.
 *
 * The harness (`kralikiHarness(runtime)`) adds what most suites start from:
 * `registerOrg()` registers an organization through the real route (its ADMIN
 * signed in), `addUser(org, role)` creates a user of that org through
 * `POST /api/users` and signs her in, `addAgent(org)` adds an AGENT with her
 * agent profile, and `table` reads items as stored, for
 * "nothing changed" checks. Later features add their helpers here, on the
 * harness, so every suite builds its world the same way.
 */
import { request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import kraliki from '../../functions/kraliki/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/addresses.ts';
import { DocumentedResponses } from '../contract/documented-responses.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // The bodies are the service's JSON, checked by each test.
  body: any;
}

export interface RequestOptions {
  /** The access token, sent as `Authorization: Bearer`. */
  token?: string;
  /** A JSON body. */
  json?: unknown;
  /** A body sent exactly as given, with `contentType`. */
  rawBody?: string | Buffer;
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The loopback address to send from (per-address limits); default 127.0.0.1. */
  ip?: string;
  headers?: Record<string, string>;
}

const documented = new DocumentedResponses(kraliki);

let nextIp = 1;
/** A loopback address no other request of this process has used: a fresh client address. */
export function freshIp(): string {
  let n = nextIp++;
  while ((n & 255) === 0 || (n & 255) === 255) n = nextIp++;
  return `127.${1 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export class KralikiApp {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    let body: Buffer | undefined;
    let contentType = options.contentType;
    if (options.json !== undefined) {
      body = Buffer.from(JSON.stringify(options.json));
      contentType ??= 'application/json';
    } else if (options.rawBody !== undefined) {
      body = Buffer.isBuffer(options.rawBody) ? options.rawBody : Buffer.from(options.rawBody);
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(body ? { 'content-length': String(body.length) } : {}),
      ...options.headers,
    };
    const reply = await new Promise<{ status: number; headers: Reply['headers']; bytes: Buffer }>((resolve, reject) => {
      const req = httpRequest(url, { method, headers, localAddress: options.ip ?? '127.0.0.1' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    const text = reply.bytes.toString('utf8');
    // No answer of the service ever carries a password hash, whatever the route.
    if (/password_hash|\$scrypt\$/.test(text)) throw new Error(`${method} ${path} answered a password hash: ${text.slice(0, 300)}`);
    const responseType = reply.headers['content-type'];
    documented.check(method, url.pathname.replace(/^\/kraliki/, ''), reply.status, typeof responseType === 'string' ? responseType : null, text);
    let parsed: unknown;
    try {
      parsed = text && String(responseType).includes('json') ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: reply.status, headers: reply.headers, text, body: parsed };
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, options?: RequestOptions) => this.request('POST', path, options);
  put = (path: string, options?: RequestOptions) => this.request('PUT', path, options);
  patch = (path: string, options?: RequestOptions) => this.request('PATCH', path, options);
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  /** Logs in from a fresh address; the whole answer (user and tokens). */
  async login(email: string, password: string): Promise<{ user: any; access_token: string; refresh_token: string }> {
    const reply = await this.post('/api/auth/login', { json: { email, password }, ip: freshIp() });
    if (reply.status !== 200) throw new Error(`POST /api/auth/login answered ${reply.status}: ${reply.text}`);
    return reply.body;
  }
}

/** The service's table, read and written directly with the real SDK. */
export class KralikiTable {
  private readonly client: DynamoDBClient;
  readonly db: DynamoDBDocumentClient;

  constructor(
    readonly endpoint: string,
    readonly name: string,
  ) {
    this.client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    this.db = DynamoDBDocumentClient.from(this.client);
  }

  /** Every item of a partition (an organization's: `ORG#<id>`), in key order. */
  async partition(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.send(new GetCommand({ TableName: this.name, Key: { pk, sk }, ConsistentRead: true }))).Item;
  }

  async put(item: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.name, Item: item }));
  }

  close(): void {
    this.client.destroy();
  }
}

export type Role = 'ADMIN' | 'SUPERVISOR' | 'AGENT';

/** A signed-in user of an organization. */
export interface OrgUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  refreshToken: string;
  user: any;
}

/** A registered organization: its ADMIN signed in, and more users as a test adds them. */
export interface Org {
  id: string;
  name: string;
  admin: OrgUser;
}

export interface KralikiHarness {
  runtime: LocalRuntime;
  app: KralikiApp;
  table: KralikiTable;
  /** Registers an organization through POST /api/auth/register, from a fresh address; its ADMIN is signed in. */
  registerOrg(name?: string): Promise<Org>;
  /** Creates a user of the org through POST /api/users (as its ADMIN) and signs her in. */
  addUser(org: Org, role: Role, fields?: Record<string, unknown>): Promise<OrgUser>;
  /** An AGENT of the org (signed in) with her agent profile, made through POST /api/agents; `fields` go to the profile. */
  addAgent(org: Org, fields?: Record<string, unknown>): Promise<{ user: OrgUser; agent: any }>;
  /** Everything the organization's partition holds, as stored (for "nothing changed" checks). */
  orgItems(org: Org): Promise<string[]>;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
export const PASSWORD = 'correct-horse-battery';

/** The harness over a running runtime that serves kraliki (tests start it with `sharedRuntime({ services: [kraliki] })`). */
export function kralikiHarness(runtime: LocalRuntime): KralikiHarness {
  let table: KralikiTable | undefined;
  const tableOf = () => (table ??= new KralikiTable(runtime.dynamoEndpoint, runtime.tableName('kraliki')));
  const app = () => new KralikiApp(`${runtime.url}/kraliki`);
  const addUser: KralikiHarness['addUser'] = async (org, role, fields = {}) => {
    const email = `${role.toLowerCase()}-${unique()}@example.com`;
    const created = await app().post('/api/users', {
      token: org.admin.token,
      json: { email, password: PASSWORD, first_name: 'Sam', last_name: role.toLowerCase(), role, ...fields },
    });
    if (created.status !== 201) throw new Error(`POST /api/users answered ${created.status}: ${created.text}`);
    const session = await app().login(email, PASSWORD);
    return { id: created.body.id, email, password: PASSWORD, role, token: session.access_token, refreshToken: session.refresh_token, user: created.body };
  };
  return {
    get runtime() {
      return runtime;
    },
    get app() {
      return app();
    },
    get table() {
      return tableOf();
    },
    async registerOrg(name = `Org ${unique()}`) {
      const email = `admin-${unique()}@example.com`;
      const reply = await app().post('/api/auth/register', {
        json: { email, password: PASSWORD, first_name: 'Ada', last_name: 'Admin', organization_name: name },
        ip: freshIp(),
      });
      if (reply.status !== 201) throw new Error(`POST /api/auth/register answered ${reply.status}: ${reply.text}`);
      const { user, access_token, refresh_token } = reply.body;
      return {
        id: user.organization_id,
        name,
        admin: { id: user.id, email, password: PASSWORD, role: 'ADMIN', token: access_token, refreshToken: refresh_token, user },
      };
    },
    addUser,
    async addAgent(org, fields = {}) {
      const user = await addUser(org, 'AGENT');
      const created = await app().post('/api/agents', { token: org.admin.token, json: { user_id: user.id, ...fields } });
      if (created.status !== 201) throw new Error(`POST /api/agents answered ${created.status}: ${created.text}`);
      return { user, agent: created.body };
    },
    async orgItems(org) {
      return (await tableOf().partition(`ORG#${org.id}`)).map((item) => JSON.stringify(item)).sort();
    },
  };
}
