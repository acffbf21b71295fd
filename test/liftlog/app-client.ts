/**
 * Talks to the liftlog service as the LiftLog app does (plain fetch, JSON in
 * and out, bytes as base64), plus a way to reach its table directly so tests
 * can prove what is, or is no longer, stored. Every response it sees is
 * checked against the service's OpenAPI document (status, media type, body
 * schema): a test that observes an undocumented answer fails.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/addresses.ts';
import liftlog from '../../functions/liftlog/service.ts';
import { DocumentedResponses } from '../contract/documented-responses.ts';
import { startTestRuntime } from '../support/runtime.ts';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // The bodies are the service's JSON, checked by each test.
  body: any;
}

export interface Identity {
  id: string;
  lookup: string;
  password: string;
}

const documented = new DocumentedResponses(liftlog);

export class LiftlogApp {
  constructor(readonly baseUrl: string) {}

  /** Sends `body` as JSON (a string is sent as it is, to test malformed input). */
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    documented.check(method, path, response.status, response.headers.get('content-type'), text);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  async createUser(): Promise<Identity> {
    const reply = await this.send('POST', '/user/create', {});
    if (reply.status !== 200) throw new Error(`POST /user/create answered ${reply.status}: ${reply.text}`);
    return reply.body as Identity;
  }
}

export interface LiftlogHarness {
  runtime: LocalRuntime;
  app: LiftlogApp;
  table: LiftlogTable;
  /** Keys of the stored profile-picture objects under `prefix`. */
  pictureObjects(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startLiftlog(options: { environment?: Record<string, string>; timeScale?: number } = {}): Promise<LiftlogHarness> {
  const runtime = await startTestRuntime({ services: [liftlog], ...options });
  const table = new LiftlogTable(runtime.dynamoEndpoint, runtime.tableName('liftlog'));
  const s3 = new S3Client({ endpoint: addresses.s3Endpoint(runtime.url), forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    runtime,
    app: new LiftlogApp(`${runtime.url}/liftlog`),
    table,
    async pictureObjects(prefix) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: addresses.bucketName('liftlog', 'profile-pictures'), Prefix: prefix }));
      return (listed.Contents ?? []).map((object) => object.Key!);
    },
    async stop() {
      s3.destroy();
      table.close();
      await runtime.stop();
    },
  };
}

/** The service's table, read directly with the real SDK. */
export class LiftlogTable {
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

  /** Every item whose attributes mention `text` anywhere: proof that nothing of a user remains. */
  async itemsMentioning(text: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new ScanCommand({ TableName: this.name, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(text)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Points this process's shared db modules at the service table, so feature modules can seed it. */
  useFromThisProcess(): void {
    Object.assign(process.env, {
      TABLE_NAME: this.name,
      SERVICE_NAME: 'liftlog',
      PROVIDERS: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: this.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
  }

  close(): void {
    this.client.destroy();
  }
}

/** The one polling helper of the suite, offered here beside the rest of what liftlog tests use. */
export { eventually } from '../support/eventually.ts';

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
/** `n` random bytes, base64. */
export const randomB64 = (n: number): string => randomBytes(n).toString('base64');
