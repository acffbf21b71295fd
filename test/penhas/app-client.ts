/**
 * Talks to the penhas service as the PenhaS app does: parameters in the query
 * string (even on POST/PUT/DELETE), `application/x-www-form-urlencoded` as the
 * content type of every request, bodies as the app builds them (login's
 * `email=…&senha=…` not encoded), the session in `X-Api-Key`. Each request can
 * come from its own loopback address (127.x.y.z), so per-IP limits are met the
 * way they are in the field. Every answer is checked against the service's
 * OpenAPI document: a test that observes an undocumented answer fails.
 *
 * `seedAccount` writes an account straight into the table (the sign-up route
 * has its own suite and allows 3 sign-ups a minute per IP) and logs it in
 * through `POST /login`, so every other suite starts from a real session.
 */
import { request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import penhas from '../../functions/penhas/service.ts';
import { activeAccountIndexKeys, cpfHash, emailKey, userKey } from '../../functions/penhas/keys.ts';
import { hashPassword } from '../../functions/penhas/accounts/passwords.ts';
import type { UserRecord } from '../../functions/penhas/accounts/users.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/addresses.ts';
import { DocumentedResponses } from '../contract/documented-responses.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  bytes: Buffer;
  // The bodies are the service's JSON, checked by each test.
  body: any;
}

export interface RequestOptions {
  /** Query parameters, as the app puts nearly everything (undefined values are left out). */
  query?: Record<string, string | number | undefined>;
  /** An urlencoded body built from fields (encoded). */
  form?: Record<string, string | number>;
  /** A body sent exactly as given (login's un-encoded `email=…&senha=…`). */
  rawBody?: string | Buffer;
  /** A JSON body (`POST /me/tarefas/batch`). */
  json?: unknown;
  /** The session token, sent in `X-Api-Key`. */
  apiKey?: string;
  /** The loopback address to send from (per-IP limits); default 127.0.0.1. */
  ip?: string;
  headers?: Record<string, string>;
}

const documented = new DocumentedResponses(penhas);

let nextIp = 1;
/** A loopback address no other request of this process has used: a fresh client IP. */
export function freshIp(): string {
  let n = nextIp++;
  while ((n & 255) === 0 || (n & 255) === 255) n = nextIp++;
  return `127.${1 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export class PenhasApp {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    let body: Buffer | undefined;
    let contentType = 'application/x-www-form-urlencoded; charset=utf-8';
    if (options.json !== undefined) {
      body = Buffer.from(JSON.stringify(options.json));
      contentType = 'application/json; charset=utf-8';
    } else if (options.form) {
      body = Buffer.from(new URLSearchParams(Object.entries(options.form).map(([k, v]): [string, string] => [k, String(v)])).toString());
    } else if (options.rawBody !== undefined) {
      body = Buffer.isBuffer(options.rawBody) ? options.rawBody : Buffer.from(options.rawBody);
    }
    const headers: Record<string, string> = {
      'user-agent': 'PenhaS/3.0.0 (test)',
      'content-type': contentType,
      ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }),
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
    const responseType = reply.headers['content-type'];
    documented.check(method, url.pathname.replace(/^\/penhas/, ''), reply.status, typeof responseType === 'string' ? responseType : null, text);
    let parsed: unknown;
    try {
      parsed = text && String(responseType).includes('json') ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { ...reply, text, body: parsed };
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, options?: RequestOptions) => this.request('POST', path, options);
  put = (path: string, options?: RequestOptions) => this.request('PUT', path, options);
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  /** Logs in as the app does (un-encoded body, `app_version` in the query) from a fresh IP; the session token. */
  async login(email: string, senha: string): Promise<string> {
    const reply = await this.post('/login', { query: { app_version: 'test' }, rawBody: `email=${email}&senha=${senha}`, ip: freshIp() });
    if (reply.status !== 200) throw new Error(`POST /login answered ${reply.status}: ${reply.text}`);
    return reply.body.session as string;
  }
}

export interface SeededAccount {
  id: number;
  email: string;
  password: string;
  /** A live session token, from POST /login. */
  session: string;
  user: UserRecord;
}

let seeded = 0;

/** The service's table, read and written directly with the real SDK. */
export class PenhasTable {
  private readonly client: DynamoDBClient;
  readonly db: DynamoDBDocumentClient;

  constructor(
    readonly endpoint: string,
    readonly name: string,
  ) {
    this.client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    this.db = DynamoDBDocumentClient.from(this.client);
  }

  async partition(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: startKey }),
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

export interface PenhasHarness {
  runtime: LocalRuntime;
  app: PenhasApp;
  table: PenhasTable;
  /** An active account (a woman unless `overrides` says otherwise), logged in. Ids start at 1,000,000 so they never meet the sign-up sequence. */
  seedAccount(overrides?: Partial<UserRecord> & { password?: string }): Promise<SeededAccount>;
}

/** The harness over a running runtime that serves penhas (tests start it with `sharedRuntime({ services: [penhas] })`). */
export function penhasHarness(runtime: LocalRuntime): PenhasHarness {
  let table: PenhasTable | undefined;
  const tableOf = () => (table ??= new PenhasTable(runtime.dynamoEndpoint, runtime.tableName('penhas')));
  const app = () => new PenhasApp(`${runtime.url}/penhas`);
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
    async seedAccount(overrides = {}) {
      const { password = 'Senha-forte-1', ...fields } = overrides;
      const id = fields.id ?? 1_000_000 + ++seeded;
      const email = fields.email ?? `conta${id}@example.com`;
      const user: UserRecord = {
        ...userKey(id),
        // As sign-up writes it: an active account is in the active-accounts index.
        ...(fields.status === undefined || fields.status === 'active' ? activeAccountIndexKeys(id) : {}),
        id,
        status: 'active',
        created_on: new Date().toISOString(),
        email,
        nome_completo: 'MARIA DA SILVA',
        apelido: `Maria ${id}`,
        nome_social: null,
        genero: 'Feminino',
        raca: 'pardo',
        dt_nasc: '1990-05-14',
        cpf_prefix: '5299',
        cpf_hash: cpfHash(String(id).padStart(11, '0')),
        cep: '01310100',
        cep_cidade: 'São Paulo',
        cep_estado: 'SP',
        password_hash: await hashPassword(password),
        modo_anonimo_ativo: 0,
        modo_camuflado_ativo: 0,
        ja_foi_vitima_de_violencia: 0,
        qtde_login_offline: 0,
        qtde_ligar_para_policia: 0,
        qtde_guardioes_ativos: 0,
        version: 1,
        ...fields,
      };
      await tableOf().put(user);
      await tableOf().put({ ...emailKey(email), userId: id });
      const session = await app().login(email, password);
      return { id, email, password, session, user };
    },
  };
}
