/**
 * The embedded runtime: every service of the manifests served on one port with
 * AWS-shaped events, backed by DynamoDB Local, with no cloud account. `npm start`
 * runs it; tests start it in-process and talk to it over real sockets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { envNames, functionsOf, timeoutOf, type ServiceFunction, type ServiceManifest } from '../../shared/manifest.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from './addresses.ts';
import { ROOT } from './build.ts';
import type { Component, RuntimeContext } from './component.ts';
import { dynamoClient, ensureTable, startDynamoDbLocal, tableName, type DynamoDbLocal } from './dynamodb.ts';
import { FakeOpenAi } from './fake-openai.ts';
import { HttpGateway } from './http-gateway.ts';
import { LambdaHost } from './lambda-host.ts';
import { ObjectStore } from './object-store.ts';
import { Outbox } from './outbox.ts';
import { writeGatewayError } from './proxy-event.ts';
import { QueueService } from './queues.ts';
import { Scheduler } from './schedules.ts';
import { WebSocketGateway } from './websocket-gateway.ts';


export interface RuntimeOptions {
  services: ServiceManifest[];
  /** Default 0 (any free port). */
  port?: number;
  hostname?: string;
  /** Use a DynamoDB Local already running (tests share one per run); otherwise one is started. */
  dynamoEndpoint?: string;
  /** Keep DynamoDB data, objects and the outbox here; without it everything is in memory. */
  dataDir?: string;
  /** Prepended to table names, so test files sharing one DynamoDB Local stay isolated. */
  tablePrefix?: string;
  /** Set for every function last: tests point provider adapters at local fakes with it. */
  environment?: Record<string, string>;
  /** Reload handlers when files under functions/ and shared/ (or the given folders) change. */
  watch?: boolean | string[];
  /** Multiplies schedule periods (tests use a small factor). Default 1. */
  timeScale?: number;
  /** API Gateway closes idle WebSocket connections after 10 minutes. */
  websocketIdleTimeoutSeconds?: number;
  /** Bundle unminified (readable stack traces while developing). */
  minify?: boolean;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  url: string;
  port: number;
  dynamoEndpoint: string;
  host: LambdaHost;
  context: RuntimeContext;
  components: Component[];
  http: HttpGateway;
  websockets: WebSocketGateway;
  queues: QueueService;
  schedules: Scheduler;
  objects: ObjectStore;
  outbox: Outbox;
  tableName(service: string): string;
  functionName(service: string, functionId: string): string;
  /** Lines describing every endpoint, webhook, queue and schedule. */
  describe(): string[];
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tablePrefix = options.tablePrefix ?? '';
  let dynamo: DynamoDbLocal | undefined;
  const dynamoEndpoint =
    options.dynamoEndpoint ??
    (dynamo = await startDynamoDbLocal({ dataDir: options.dataDir && path.join(options.dataDir, 'dynamodb') })).endpoint;

  const client = dynamoClient(dynamoEndpoint);
  await Promise.all(options.services.map((m) => ensureTable(client, tableName(tablePrefix, m.name), m)));
  client.destroy();

  const host = new LambdaHost({ minify: options.minify });
  const components: Component[] = [];
  let ready = false;
  const server: Server = createServer((req, res) => void dispatch(req, res));
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://local');
    for (const component of components) if (component.handleUpgrade?.(req, socket, head, url)) return;
    socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse) {
    try {
      if (!ready) return writeGatewayError(res, 503, 'Service Unavailable');
      const url = new URL(req.url ?? '/', 'http://local');
      for (const component of components) if (await component.handleRequest?.(req, res, url)) return;
      writeGatewayError(res, 404, 'Not Found');
    } catch (error) {
      log(`✖ gateway: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) writeGatewayError(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  // Functions reach the runtime's AWS stand-ins over loopback even when it listens on every interface.
  const listening = options.hostname ?? '127.0.0.1';
  const baseUrl = `http://${listening === '0.0.0.0' || listening === '::' ? '127.0.0.1' : listening}:${port}`;
  const functionName = (service: string, id: string) => `${service}-${id}`;

  const context: RuntimeContext = {
    services: options.services,
    host,
    baseUrl,
    functionName,
    timeScale: options.timeScale ?? 1,
    websocketIdleTimeoutSeconds: options.websocketIdleTimeoutSeconds ?? 600,
    log,
  };

  for (const manifest of options.services) {
    const serviceEnv = serviceEnvironment(manifest, baseUrl, dynamoEndpoint, tableName(tablePrefix, manifest.name));
    for (const fn of functionsOf(manifest)) {
      const name = functionName(manifest.name, fn.id);
      host.register({
        name,
        entry: fn.spec.handler,
        timeoutSeconds: timeoutOf(fn.spec),
        memoryMb: fn.spec.memoryMb ?? 256,
        environment: {
          // As on AWS, a webhook's own function gets no WEBHOOK_URL_* (it reads its URL from the event).
          ...(fn.trigger.kind === 'webhook' ? withoutWebhookUrls(manifest, serviceEnv) : serviceEnv),
          AWS_LAMBDA_FUNCTION_NAME: name,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.spec.memoryMb ?? 256),
          ...manifest.environment,
          ...localEnvironment(manifest, baseUrl),
          ...fn.spec.environment,
          ...options.environment,
        },
      });
    }
  }

  let watcher: FSWatcher[] = [];
  const stop = async () => {
    for (const w of watcher) w.close();
    await Promise.all(components.map((c) => c.stop()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await host.close();
    await dynamo?.stop();
  };

  const dataDir = options.dataDir;
  // A part that refuses the manifests (a bad schedule, say) must not leave the server running.
  const { parts, schedules } = await (async () => {
    try {
      const parts = {
        outbox: new Outbox(context, { dataDir }),
        objects: new ObjectStore(context, { dataDir }),
        openai: new FakeOpenAi(context),
        queues: new QueueService(context),
        websockets: new WebSocketGateway(context),
        http: new HttpGateway(context),
      };
      const schedules = new Scheduler(context);
      // Order matters only for requests: the reserved /_aws and /_local prefixes come before service prefixes.
      components.push(parts.outbox, parts.objects, parts.openai, parts.queues, parts.websockets, parts.http, schedules);
      for (const component of components) await component.start?.();
      return { parts, schedules };
    } catch (error) {
      await stop();
      throw error;
    }
  })();

  if (options.watch) {
    let timer: NodeJS.Timeout | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        host.invalidate();
        log('↻ code changed: handlers reload on their next invocation');
      }, 100);
    };
    const dirs = options.watch === true ? ['functions', 'shared'] : options.watch;
    watcher = dirs.map((dir) => watch(path.resolve(ROOT, dir), { recursive: true }, onChange));
  }
  ready = true;

  const describe = () => components.flatMap((c) => c.describe?.() ?? []);
  return {
    url: baseUrl,
    port,
    dynamoEndpoint,
    host,
    context,
    components,
    ...parts,
    schedules,
    tableName: (service) => tableName(tablePrefix, service),
    functionName,
    describe,
    stop,
  };
}

function localEnvironment(manifest: ServiceManifest, baseUrl: string): Record<string, string> {
  return Object.fromEntries(Object.entries(manifest.localEnvironment ?? {}).map(([k, v]) => [k, v.replaceAll('{baseUrl}', baseUrl)]));
}

function withoutWebhookUrls(manifest: ServiceManifest, env: Record<string, string>): Record<string, string> {
  const urls = new Set((manifest.webhooks ?? []).map((webhook) => envNames.webhookUrl(webhook.name)));
  return Object.fromEntries(Object.entries(env).filter(([variable]) => !urls.has(variable)));
}

/** The environment every function of a service gets, naming its resources as the stack does on AWS. */
function serviceEnvironment(manifest: ServiceManifest, base: string, dynamoEndpoint: string, table: string): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_SQS: addresses.sqsEndpoint(base),
    AWS_ENDPOINT_URL_S3: addresses.s3Endpoint(base),
    S3_FORCE_PATH_STYLE: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    PROVIDERS: 'local',
    OUTBOX_URL: addresses.outbox(base),
    [envNames.table]: table,
    [envNames.service]: manifest.name,
  };
  for (const queue of manifest.queues ?? []) env[envNames.queueUrl(queue.name)] = addresses.queueUrl(base, addresses.queueName(manifest.name, queue.name));
  for (const bucket of manifest.buckets ?? []) env[envNames.bucket(bucket.name)] = addresses.bucketName(manifest.name, bucket.name);
  for (const api of manifest.websockets ?? []) env[envNames.websocketEndpoint(api.name)] = addresses.websocketManagement(base, manifest.name, api.name);
  for (const webhook of manifest.webhooks ?? []) env[envNames.webhookUrl(webhook.name)] = addresses.webhookUrl(base, manifest.name, webhook.name);
  return env;
}

export type { ServiceFunction };
