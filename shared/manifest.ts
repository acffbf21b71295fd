/**
 * The service manifest format. Each service declares itself once in
 * `functions/<service>/service.ts`; the CDK stack, the local runtime, the
 * template tests and the benchmark all read that one declaration.
 *
 * Handlers import only `envNames` from here (how they find their resources);
 * zod and the error format are type-only imports, so nothing else reaches a bundle.
 */
import type { core } from 'zod/mini';
import type { ErrorFormat } from './http/error-format.ts';

/**
 * How a route authenticates its caller. The route stack runs the service's authenticator of
 * that kind before the handler (shared/http/route.ts); `none` is an explicit choice: public.
 */
export type AuthKind =
  | 'none' // public
  | 'password' // user id + password in the body (liftlog)
  | 'pro-token' // app-store purchase token (liftlog AI coach)
  | 'api-key' // session JWT in X-Api-Key (penhas)
  | 'jwt' // bearer access token (pytake, kraliki)
  | 'signature'; // provider-signed webhook (Meta, Twilio)

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/**
 * The names of a service's queues, buckets, secrets and WebSocket APIs. A service declares them
 * once (`functions/<service>/resources.ts`) and defines its manifest over them
 * (`defineService<Names>`), so an entry or an access list naming a resource that is not declared
 * fails to compile. The default, any string, is for manifests without such a declaration.
 */
export interface ResourceNames {
  queue: string;
  bucket: string;
  secret: string;
  websocketApi: string;
}

type ValuesOf<T> = T extends Record<string, infer V extends string> ? V : never;

/** The ResourceNames of const objects of names: `NamesOf<{ queues: typeof queues, ... }>`. */
export type NamesOf<R extends { queues?: object; buckets?: object; secrets?: object; websocketApis?: object }> = {
  queue: ValuesOf<R['queues']>;
  bucket: ValuesOf<R['buckets']>;
  secret: ValuesOf<R['secrets']>;
  websocketApi: ValuesOf<R['websocketApis']>;
};

export type BucketUse = 'read' | 'write' | 'readwrite';

/** Permissions a function needs beyond invoking; the stack grants exactly these. */
export interface Access<N extends ResourceNames = ResourceNames> {
  /** Access to the service table. Defaults to 'readwrite'. */
  table?: 'none' | 'read' | 'readwrite';
  /** Queues (by manifest name) this function sends to. */
  sendsTo?: N['queue'][];
  /** Buckets (by manifest name) and what the function does with them. */
  buckets?: string extends N['bucket'] ? Record<string, BucketUse> : { [B in N['bucket']]?: BucketUse };
  /** WebSocket APIs (by manifest name) whose connections this function posts to or closes. */
  postsTo?: N['websocketApi'][];
  /** Service secrets (by manifest name) this function reads; each is named to it in `SECRET_ID_<NAME>`. */
  secrets?: N['secret'][];
  /** Outside providers this function sends through (`email` needs `EMAIL_FROM` in the environment). */
  providers?: MessagingProvider[];
  /** Pages through query results with signed cursors (`queryPage`), so it is given the cursor key. */
  paginates?: boolean;
  /**
   * Seals or opens values at rest under the service's KMS key (envelope encryption: kms:GenerateDataKey
   * and kms:Decrypt on that one key, named to it in `SECRETS_KMS_KEY_ID`). The stack creates the key
   * when a function declares this; locally there is none and the function uses a local key instead.
   */
  dataKeys?: boolean;
}

/** SMS and push through SNS, e-mail through SES. */
/** `push-endpoints`: registering, reading and deleting devices' SNS platform endpoints (not publishing to them). */
export type MessagingProvider = 'sms' | 'push' | 'push-endpoints' | 'email';

export interface FunctionSpec<N extends ResourceNames = ResourceNames> {
  /** Module path from the repository root; it must export `handler`. */
  handler: string;
  /** Seconds before the invocation is cut off. Default 10. */
  timeoutSeconds?: number;
  /** Default 256. */
  memoryMb?: number;
  /** Extra per-function environment, merged over the service environment. */
  environment?: Record<string, string>;
  access?: Access<N>;
}

export interface HttpRoute<N extends ResourceNames = ResourceNames> extends FunctionSpec<N> {
  method: HttpMethod;
  /** API Gateway route path: `/user/{id}`, `/files/{proxy+}`. */
  path: string;
  auth: AuthKind;
  summary?: string;
  /** What the route reads; the route stack parses and validates exactly this. */
  request?: RequestContract;
  /** Every status the route answers, success and failure (shared/http/contract.ts builds them). */
  responses?: Record<number, ResponseContract>;
  /** The service's wire format for failures; the route stack answers every failure in it. */
  errors?: ErrorFormat;
  /** Where the ids of the objects the route acts on come from, and whose they are. */
  objectIds?: ObjectId[];
  /** Why this route has no request/response schemas (the documents test refuses a route without either). */
  undocumented?: string;
}

/** A zod schema (mini or classic): validation at run time, JSON Schema for the documents. */
export type Schema = core.$ZodType;

/** How a request body is encoded; the route stack picks its parsers from the route's list. */
export type BodyEncoding = 'json' | 'urlencoded' | 'multipart';

export interface RequestContract {
  params?: Schema;
  query?: Schema;
  body?: Schema;
  /** Encodings the route accepts, tried by content type. Default: JSON only. */
  encodings?: BodyEncoding[];
  /** Validate the query string and the body as one set of parameters (form-style APIs). */
  mergeQuery?: boolean;
}

export interface ResponseContract {
  description: string;
  /** Media type of the body (or the types it may have); without one the response has no body. */
  mediaType?: string | string[];
  schema?: Schema;
  /** A failure, answered in the service's error format (which documents its body). */
  failure?: boolean;
}

/**
 * An id a route, WebSocket route or queue consumer acts on: where it comes from (a path or query
 * parameter, a body or message field; `[]` marks each element of an array) and whose object it
 * names. The authorization matrix test needs a row for every entry that declares any.
 */
export interface ObjectId {
  /** What the id names: `user`, `follow secret`, `connection`. */
  object: string;
  from: 'path' | 'query' | 'body' | 'message';
  field: string;
  /**
   * Who may act on it: `caller` only the authenticated caller's own; `tenant` only the caller's
   * tenant's; `capability` whoever presents the secret in `capability`; `public` anyone, by design;
   * `origin` (queued work) only what the request that enqueued the job was allowed.
   */
  owner: 'caller' | 'tenant' | 'capability' | 'public' | 'origin';
  /** The field holding the capability, for `owner: 'capability'`. */
  capability?: string;
}

export interface Cors {
  allowOrigins: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  allowCredentials?: boolean;
  maxAgeSeconds?: number;
}

export interface WebSocketRoute<N extends ResourceNames = ResourceNames> extends FunctionSpec<N> {
  auth?: AuthKind;
  /** When true, what the handler returns as `body` is sent back to the caller (a two-way route). */
  returnsResponse?: boolean;
  objectIds?: ObjectId[];
}

/** A WebSocket API's messages, for its AsyncAPI document. */
export interface WebSocketProtocol {
  summary: string;
  /** Messages the client sends, by name. */
  receives: Record<string, { summary: string; schema: Schema }>;
  /** Messages the server sends, by name. */
  sends: Record<string, { summary: string; schema: Schema }>;
}

export interface WebSocketApi<N extends ResourceNames = ResourceNames> {
  /** Unique within the service; names the API, its stack output and its management endpoint. */
  name: N['websocketApi'];
  /**
   * Where the local runtime mounts it under the service prefix; on AWS the API has its own host,
   * and with `singleHost` it is also served at this path.
   */
  path: string;
  /** e.g. `$request.body.action`. */
  routeSelectionExpression: string;
  /** `$connect`, `$disconnect`, `$default` and named routes. */
  routes: Record<string, WebSocketRoute<N>>;
  protocol?: WebSocketProtocol;
}

export interface Webhook<N extends ResourceNames = ResourceNames> extends FunctionSpec<N> {
  /** Unique within the service; the Function URL's name and local path segment. */
  name: string;
  auth: AuthKind;
  summary?: string;
  /** The methods its provider calls, for the API document (a Function URL takes any). Default POST. */
  methods?: ('GET' | 'POST')[];
}

export interface Queue<N extends ResourceNames = ResourceNames> {
  /** Unique within the service. */
  name: N['queue'];
  consumer: FunctionSpec<N>;
  /** Records per invocation (1-10 for standard queues here). Default 10. */
  batchSize?: number;
  /** Seconds to gather a batch before invoking. Default 0. */
  batchingWindowSeconds?: number;
  /** Default 6 × the consumer timeout, as AWS recommends. */
  visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the DLQ. Default 5. */
  maxReceiveCount?: number;
  /** The consumer answers `batchItemFailures`, so only failed records are retried. Default true. */
  reportBatchItemFailures?: boolean;
  /** Seconds each message waits before its first delivery. Default 0. */
  deliveryDelaySeconds?: number;
  /** Ids the consumer acts on, taken from each message. */
  objectIds?: ObjectId[];
}

export interface Schedule<N extends ResourceNames = ResourceNames> extends FunctionSpec<N> {
  /** Unique within the service. */
  name: string;
  /** EventBridge expression: `rate(1 hour)` or `cron(0 3 * * ? *)`. */
  expression: string;
  description?: string;
}

export interface GlobalIndex {
  name: string;
  partitionKey: string;
  sortKey?: string;
}

export interface Table {
  /** Partition and sort key attribute names; both strings. Default `pk`/`sk`. */
  partitionKey?: string;
  sortKey?: string;
  globalIndexes?: GlobalIndex[];
  /** Attribute holding the expiry epoch seconds. */
  ttlAttribute?: string;
}

export interface Bucket<N extends ResourceNames = ResourceNames> {
  name: N['bucket'];
  /** Browsers upload and download directly with presigned URLs. */
  cors?: boolean;
  /** Objects expire after this many days. */
  expireAfterDays?: number;
  /**
   * Key prefix of objects not yet committed (`pending/`): uploads land there and are moved or
   * recorded once complete, so whatever an interrupted upload leaves there expires after a day.
   */
  pendingPrefix?: string;
}

/** A secret the service needs (third-party API keys); its value is set by an operator after deploy. */
export interface Secret<N extends ResourceNames = ResourceNames> {
  /** Unique within the service; names the secret's `SECRET_ID_<NAME>` variable. */
  name: N['secret'];
  description: string;
}

export interface ServiceManifest<N extends ResourceNames = ResourceNames> {
  /** Lowercase; the local prefix (`/<name>`), the stack name and the table name. */
  name: string;
  description: string;
  /**
   * Serve the HTTP API and the WebSocket APIs under one host (a CloudFront distribution), each
   * WebSocket API at its `path`, for clients that know a single base URL.
   */
  singleHost?: boolean;
  /** Environment for every function of the service (non-secret configuration). */
  environment?: Record<string, string>;
  /**
   * Environment that only the local runtime sets (e.g. provider base URLs pointing at local
   * fakes); `{baseUrl}` is replaced with the runtime's address.
   */
  localEnvironment?: Record<string, string>;
  http: {
    cors?: Cors;
    /**
     * Clients send paths in any case (the original matched case-insensitively). Routes are
     * declared lowercase; locally the gateway lowercases the path, on AWS a CloudFront function does.
     */
    caseInsensitivePaths?: boolean;
    /** How each auth kind the routes use carries its credential, for the documents and the edge checks. */
    authSchemes?: Partial<Record<AuthKind, AuthScheme>>;
    routes: HttpRoute<N>[];
  };
  websockets?: WebSocketApi<N>[];
  webhooks?: Webhook<N>[];
  queues?: Queue<N>[];
  schedules?: Schedule<N>[];
  table: Table;
  buckets?: Bucket<N>[];
  secrets?: Secret<N>[];
  /**
   * A function that writes the service's content (catalogs, pages, questionnaires) into its
   * table, idempotently: running it again changes nothing unless the content did. The local
   * runtime invokes it (with `{}`) once its tables exist, before serving; on AWS the stack runs
   * it as a CloudFormation custom resource on each deploy that changes the function. Its handler
   * is made with `seedHandler` (shared/seed.ts), which speaks both.
   */
  seed?: FunctionSpec<N>;
}

/** Where a kind of credential travels; its authenticator (shared/auth/authenticator.ts) reads it there. */
export interface AuthScheme {
  description: string;
  /** The header carrying it; read before the body, so a request without it is refused unauthenticated. */
  header?: string;
  /** The query parameter carrying it (alone, or for clients that cannot set the header). */
  query?: string;
  /** Body fields carrying it: read after validation, so a request without them fails validation first. */
  bodyFields?: string[];
  /** An HTTP authentication scheme in `Authorization` (`bearer`) rather than an API key. */
  httpScheme?: string;
  bearerFormat?: string;
}

/**
 * `defineService<Names>({...})` checks every resource name in the manifest against the service's
 * declared names; the result is read by code that takes any service, so it forgets them.
 */
export function defineService<N extends ResourceNames = ResourceNames>(manifest: ServiceManifest<NoInfer<N>>): ServiceManifest {
  // Any concrete names are strings; only the deferred `buckets` type hides that from the checker here.
  return manifest as ServiceManifest;
}

export type Trigger =
  | { kind: 'http'; route: HttpRoute }
  | { kind: 'websocket'; api: WebSocketApi; routeKey: string; route: WebSocketRoute }
  | { kind: 'webhook'; webhook: Webhook }
  | { kind: 'queue'; queue: Queue }
  | { kind: 'schedule'; schedule: Schedule }
  | { kind: 'seed' };

/** The service's seed function, when it has one. */
export const seedFunctionOf = (manifest: ServiceManifest): ServiceFunction | undefined => functionsOf(manifest).find((fn) => fn.trigger.kind === 'seed');

/** One deployable function: what runs, what triggers it, and its stable id. */
export interface ServiceFunction {
  /** Stable, unique within the service: derived from the handler path and trigger. */
  id: string;
  spec: FunctionSpec;
  trigger: Trigger;
}

const DEFAULT_TIMEOUT_SECONDS = 10;

export const timeoutOf = (spec: FunctionSpec): number => spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;

export const tableKeys = (table: Table) => ({
  partitionKey: table.partitionKey ?? 'pk',
  sortKey: table.sortKey ?? 'sk',
});

export const queueSettings = (queue: Queue) => ({
  batchSize: queue.batchSize ?? 10,
  batchingWindowSeconds: queue.batchingWindowSeconds ?? 0,
  visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds ?? 6 * timeoutOf(queue.consumer),
  maxReceiveCount: queue.maxReceiveCount ?? 5,
  reportBatchItemFailures: queue.reportBatchItemFailures ?? true,
  deliveryDelaySeconds: queue.deliveryDelaySeconds ?? 0,
});

/** `functions/liftlog/feed/put-event.ts` → `feed-put-event` (the path below the service folder). */
function idFromHandler(service: string, handler: string): string {
  const relative = handler.replace(new RegExp(`^(.*/)?${service}/`), '').replace(/\.ts$/, '');
  return relative.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function triggerSuffix(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'http':
      return trigger.route.method.toLowerCase();
    case 'websocket':
      return `${trigger.api.name}-${trigger.routeKey.replace(/^\$/, '')}`;
    case 'webhook':
      return trigger.webhook.name;
    case 'queue':
      return trigger.queue.name;
    case 'schedule':
      return trigger.schedule.name;
    case 'seed':
      return 'seed';
  }
}

/**
 * Every function of a service, one per endpoint, consumer and schedule. A
 * handler module shared by two triggers (e.g. GET and HEAD /health) still gets
 * one function per trigger, as on AWS; ids are disambiguated with a suffix.
 */
export function functionsOf(manifest: ServiceManifest): ServiceFunction[] {
  const out: ServiceFunction[] = [];
  const seen = new Map<string, number>();
  const add = (spec: FunctionSpec, trigger: Trigger) => {
    let id = idFromHandler(manifest.name, spec.handler);
    if (seen.has(id)) id = `${id}-${triggerSuffix(trigger)}`;
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    out.push({ id: count === 1 ? id : `${id}-${count}`, spec, trigger });
  };
  for (const route of manifest.http.routes) add(route, { kind: 'http', route });
  for (const api of manifest.websockets ?? []) {
    for (const [routeKey, route] of Object.entries(api.routes)) add(route, { kind: 'websocket', api, routeKey, route });
  }
  for (const webhook of manifest.webhooks ?? []) add(webhook, { kind: 'webhook', webhook });
  for (const queue of manifest.queues ?? []) add(queue.consumer, { kind: 'queue', queue });
  for (const schedule of manifest.schedules ?? []) add(schedule, { kind: 'schedule', schedule });
  if (manifest.seed) add(manifest.seed, { kind: 'seed' });
  return out;
}

/** Names the environment variables through which functions find their resources. */
export const envNames = {
  table: 'TABLE_NAME',
  service: 'SERVICE_NAME',
  queueUrl: (queue: string) => `QUEUE_URL_${constantCase(queue)}`,
  bucket: (bucket: string) => `BUCKET_${constantCase(bucket)}`,
  /** Base URL of a WebSocket API's @connections management endpoint. */
  websocketEndpoint: (api: string) => `WS_ENDPOINT_${constantCase(api)}`,
  /** Public URL of a webhook (so handlers can check Twilio signatures against it). */
  webhookUrl: (webhook: string) => `WEBHOOK_URL_${constantCase(webhook)}`,
  /** ARN of a service secret (a JSON object of strings in Secrets Manager). */
  secretId: (secret: string) => `SECRET_ID_${constantCase(secret)}`,
} as const;

function constantCase(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}
