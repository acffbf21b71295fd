/**
 * Talks to the pytake service as its web dashboard does: JSON bodies, the
 * access token in `Authorization: Bearer`, paths under `/api/v1` (the client
 * adds the prefix: `app.get('/users')`). Each request can come from its own
 * loopback address (127.x.y.z), so per-IP limits are met the way they are in
 * the field. Every answer is checked against the service's OpenAPI document:
 * a test that observes an undocumented answer fails.
 *
 * Every answer is also checked to hold no password hash.
 *
 * The harness registers organizations through the real `POST /auth/register`
 * (from a fresh address each time) and seeds further users of any role
 * straight into the table, then logs them in through `POST /auth/login`, so
 * every suite starts from real tokens.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import pytake from '../../functions/pytake/service.ts';
import { emailKey, userKey } from '../../functions/pytake/keys.ts';
import { hashPassword } from '../../functions/pytake/auth/passwords.ts';
import type { Role } from '../../functions/pytake/auth/tokens.ts';
import type { UserRecord } from '../../functions/pytake/users/users.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/addresses.ts';
import { DocumentedResponses } from '../contract/documented-responses.ts';

export { eventually } from '../support/eventually.ts';

/** Where the REST API lives under the service's prefix. */
export const API = '/api/v1';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // The bodies are the service's JSON, checked by each test.
  body: any;
}

export interface RequestOptions {
  /** A JSON body. */
  json?: unknown;
  /** A body sent exactly as given (malformed JSON, say). */
  rawBody?: string;
  /** The access token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Query parameters (undefined values are left out). */
  query?: Record<string, string | number | boolean | undefined>;
  /** The loopback address to send from (per-IP limits); default 127.0.0.1. */
  ip?: string;
  headers?: Record<string, string>;
}

const documented = new DocumentedResponses(pytake);

let nextIp = 1;
/** A loopback address no other request of this process has used: a fresh client IP. */
export function freshIp(): string {
  let n = nextIp++;
  while ((n & 255) === 0 || (n & 255) === 255) n = nextIp++;
  return `127.${1 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export class PytakeApp {
  /** `baseUrl` is the service's root (`<runtime>/pytake`). */
  constructor(readonly baseUrl: string) {}

  /** `path` is under /api/v1 unless `root` (for /health, /openapi.json). */
  async request(method: string, path: string, options: RequestOptions & { root?: boolean } = {}): Promise<Reply> {
    const servicePath = options.root ? path : `${API}${path}`;
    const url = new URL(`${this.baseUrl}${servicePath}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const body =
      options.json !== undefined ? Buffer.from(JSON.stringify(options.json)) : options.rawBody !== undefined ? Buffer.from(options.rawBody) : undefined;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
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
    const responseType = reply.headers['content-type'];
    documented.check(method, servicePath, reply.status, typeof responseType === 'string' ? responseType : null, text);
    // No answer ever carries a password hash.
    if (text.includes('$scrypt$') || text.includes('password_hash'))
      throw new Error(`${method} ${servicePath} answered a password hash: ${text.slice(0, 200)}`);
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

  /** Logs in from a fresh address; throws unless 200. */
  async login(email: string, password: string): Promise<{ user: any; token: { access_token: string; refresh_token: string } }> {
    const reply = await this.post('/auth/login', { json: { email, password }, ip: freshIp() });
    if (reply.status !== 200) throw new Error(`POST /auth/login answered ${reply.status}: ${reply.text}`);
    return reply.body;
  }
}

/** A user with live tokens. */
export interface Member {
  id: string;
  orgId: string;
  email: string;
  password: string;
  role: Role;
  /** Access token. */
  token: string;
  refreshToken: string;
}

/** The service's table, read and written directly with the real SDK. */
export class PytakeTable {
  private readonly client: DynamoDBClient;
  readonly db: DynamoDBDocumentClient;

  constructor(
    readonly endpoint: string,
    readonly name: string,
  ) {
    this.client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    this.db = DynamoDBDocumentClient.from(this.client);
  }

  async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await this.db.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true }))).Item;
  }

  /** Every item of a partition (an organization's: `ORG#<id>`). */
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

  async put(item: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.name, Item: item }));
  }

  close(): void {
    this.client.destroy();
  }
}

export interface PytakeHarness {
  runtime: LocalRuntime;
  app: PytakeApp;
  table: PytakeTable;
  /** A new organization through `POST /auth/register`: its org_admin, logged in. */
  registerOrg(overrides?: { email?: string; password?: string; full_name?: string; organization_name?: string }): Promise<Member>;
  /** Another user of `org`'s organization with `role`, written to the table and logged in through `POST /auth/login`. */
  seedUser(org: { orgId: string }, role: Role, overrides?: Partial<UserRecord> & { password?: string }): Promise<Member>;
  /** Everything an organization owns, as stored, sorted by key: compare before and after to show nothing changed. */
  orgItems(orgId: string): Promise<string[]>;
}

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}-${randomUUID().slice(0, 6)}@example.com`;
/** One hash for every seeded user with the default password: seeding stays fast. */
const DEFAULT_PASSWORD = 'Senha-forte-1';
let defaultHash: Promise<string> | undefined;

/** The harness over a running runtime that serves pytake (tests start it with `sharedRuntime({ services: [pytake] })`). */
export function pytakeHarness(runtime: LocalRuntime): PytakeHarness {
  let table: PytakeTable | undefined;
  const tableOf = () => (table ??= new PytakeTable(runtime.dynamoEndpoint, runtime.tableName('pytake')));
  const app = () => new PytakeApp(`${runtime.url}/pytake`);
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
    async registerOrg(overrides = {}) {
      const input = {
        email: uniqueEmail('admin'),
        password: DEFAULT_PASSWORD,
        full_name: 'Ana Admin',
        organization_name: `Org ${++counter}`,
        ...overrides,
      };
      const reply = await app().post('/auth/register', { json: input, ip: freshIp() });
      if (reply.status !== 201) throw new Error(`POST /auth/register answered ${reply.status}: ${reply.text}`);
      const { user, token } = reply.body;
      return {
        id: user.id,
        orgId: user.organization_id,
        email: user.email,
        password: input.password,
        role: user.role,
        token: token.access_token,
        refreshToken: token.refresh_token,
      };
    },
    async seedUser(org, role, overrides = {}) {
      const { password = DEFAULT_PASSWORD, ...fields } = overrides;
      const id = fields.id ?? randomUUID();
      const email = fields.email ?? uniqueEmail(role);
      const now = new Date().toISOString();
      defaultHash ??= hashPassword(DEFAULT_PASSWORD);
      const passwordHash = await (password === DEFAULT_PASSWORD ? defaultHash : hashPassword(password));
      const user: UserRecord = {
        ...userKey(org.orgId, id),
        id,
        organization_id: org.orgId,
        email,
        password_hash: passwordHash,
        full_name: `${role} ${id.slice(0, 8)}`,
        phone_number: null,
        avatar_url: null,
        bio: null,
        role,
        email_verified: false,
        is_active: true,
        is_online: false,
        last_seen_at: null,
        last_login_at: null,
        agent_status: null,
        agent_greeting_message: null,
        department_ids: [],
        created_at: now,
        updated_at: now,
        version: 1,
        ...fields,
      };
      // Written active so it can log in; an inactive user keeps the tokens it had.
      await tableOf().put({ ...user, is_active: true });
      await tableOf().put({ ...emailKey(email), owner: userKey(org.orgId, id) });
      const { token } = await app().login(email, password);
      if (!user.is_active) await tableOf().put(user);
      return { id, orgId: org.orgId, email, password, role, token: token.access_token, refreshToken: token.refresh_token };
    },
    async orgItems(orgId) {
      return (await tableOf().partition(`ORG#${orgId}`)).map((item) => JSON.stringify(item)).sort();
    },
  };
}
