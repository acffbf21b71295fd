/**
 * The embedded runtime: every service of the manifests served on one port with
 * AWS-shaped events, backed by DynamoDB Local, with no cloud account. `npm start`
 * runs it; tests start it in-process and talk to it over real sockets.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { envNames, functionsOf, seedFunctionOf, timeoutOf, type ServiceFunction, type ServiceManifest } from '../../shared/manifest.ts';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from './addresses.ts';
import type { Component, ProviderFake, RuntimeContext } from './component.ts';
import { launchDynamoDbLocal, type LaunchedDynamoDbLocal } from './dynamodb/dynamodb-local.ts';
import { dynamoClient, ensureTable, tableName } from './dynamodb/tables.ts';
import { applyOverrides, type EnvOverrides } from './env-local.ts';
import { providerFakes, type ProviderFakes } from './fakes/provider-fakes.ts';
import { HttpGateway } from './http/gateway.ts';
import { writeGatewayError } from './http/proxy-event.ts';
import { ROOT } from './lambda/build.ts';
import { LambdaHost } from './lambda/host.ts';
import { Outbox } from './outbox/outbox.ts';
import { ObjectStore } from './s3/object-store.ts';
import { Scheduler } from './schedules/scheduler.ts';
import { QueueService } from './sqs/queues.ts';
import { WebSocketGateway } from './websocket/gateway.ts';

export interface RuntimeOptions {
  services: ServiceManifest[];
  /** Default 0 (any free port). */
  port?: number;
  hostname?: string;
  /** Use a DynamoDB Local already running (tests share one per run); otherwise one is started. */
  dynamoEndpoint?: string;
  /** Keep DynamoDB data, queues, objects and the outbox here; without it everything is in memory. */
  dataDir?: string;
  /** Prepended to table names, so test files sharing one DynamoDB Local stay isolated. */
  tablePrefix?: string;
  /** A developer's `.env.local` (env-local.ts): over the manifests' settings, under `environment`. */
  envOverrides?: EnvOverrides;
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
  /** How long an execution environment may sit idle before it is retired. Default 120 s. */
  environmentIdleSeconds?: number;
  /**
   * Also serve this service's HTTP API at the root (`/login` as `/penhas/login`), for apps whose
   * base URL cannot carry a path: the PenhaS app builds each request URL by replacing the base
   * URL's path. Paths other components own (`/liftlog/…`, `/_local/…`) keep their owners.
   */
  rootService?: string;
  /** Every line the runtime and its functions print, one call per line (functions' lines labelled `<service>/<function>`). */
  log?: (line: string) => void;
}

export interface LocalRuntime {
  url: string;
  port: number;
  dynamoEndpoint: string;
  /** The JVM's process id when this runtime started DynamoDB Local itself. */
  dynamoPid?: number;
  host: LambdaHost;
  context: RuntimeContext;
  components: Component[];
  http: HttpGateway;
  websockets: WebSocketGateway;
  queues: QueueService;
  schedules: Scheduler;
  objects: ObjectStore;
  outbox: Outbox;
  /** The provider stand-ins, for tests to set up what they answer. */
  fakes: ProviderFakes;
  tableName(service: string): string;
  functionName(service: string, functionId: string): string;
  /** Lines describing every endpoint, webhook, queue and schedule. */
  describe(): string[];
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.rootService && !options.services.some((manifest) => manifest.name === options.rootService)) {
    throw new Error(`--root ${options.rootService}: no such service (${options.services.map((manifest) => manifest.name).join(', ')})`);
  }
  const tablePrefix = options.tablePrefix ?? '';
  // DynamoDB Local's JVM is the slowest part: it starts first, and everything else is set up while it does.
  const dynamo: LaunchedDynamoDbLocal | undefined = options.dynamoEndpoint
    ? undefined
    : await launchDynamoDbLocal({ dataDir: options.dataDir && path.join(options.dataDir, 'dynamodb') });
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const tables = (async () => {
    await dynamo?.ready;
    const client = dynamoClient(dynamoEndpoint);
    try {
      await Promise.all(options.services.map((m) => ensureTable(client, tableName(tablePrefix, m.name), m)));
    } finally {
      client.destroy();
    }
  })();
  // Awaited below; until then a failure must not count as unhandled.
  tables.catch(() => undefined);

  const host = new LambdaHost({ minify: options.minify, idleSeconds: options.environmentIdleSeconds, log });
  host.prepare().catch(() => undefined);
  const fakes = providerFakes();
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
      // Nothing else owns the path: the root service's API answers it, as its own API Gateway would at its root.
      const gateway = options.rootService ? components.find((c): c is HttpGateway => c instanceof HttpGateway) : undefined;
      if (gateway && (await gateway.handleRequest(req, res, new URL(`/${options.rootService}${url.pathname}${url.search}`, url)))) return;
      writeGatewayError(res, 404, 'Not Found');
    } catch (error) {
      log(`✖ gateway: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) writeGatewayError(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  }

  let watcher: FSWatcher[] = [];
  const stop = async () => {
    for (const w of watcher) w.close();
    await Promise.all(components.map((c) => c.stop()));
    server.closeAllConnections();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    await host.close();
    await dynamo?.stop();
  };

  const functionName = (service: string, id: string) => `${service}-${id}`;
  // A part that refuses the manifests (a bad schedule, say), or a database that cannot start, must not leave anything running.
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve);
    });
    const port = (server.address() as { port: number }).port;
    // Functions reach the runtime's AWS stand-ins over loopback even when it listens on every interface.
    const listening = options.hostname ?? '127.0.0.1';
    const baseUrl = `http://${listening === '0.0.0.0' || listening === '::' ? '127.0.0.1' : listening}:${port}`;
    const context: RuntimeContext = {
      services: options.services,
      host,
      baseUrl,
      functionName,
      timeScale: options.timeScale ?? 1,
      websocketIdleTimeoutSeconds: options.websocketIdleTimeoutSeconds ?? 600,
      dataDir: options.dataDir,
      log,
    };

    const standIns: ProviderFake[] = Object.values(fakes);
    for (const fake of standIns) fake.mount(baseUrl);
    await Promise.all(standIns.map((fake) => fake.start?.()));
    const fakeEnvironment = Object.assign({}, ...standIns.map((fake) => fake.environment?.() ?? {})) as Record<string, string>;

    const cursorKey = randomBytes(32).toString('hex');
    for (const manifest of options.services) {
      const serviceEnv = serviceEnvironment(manifest, baseUrl, dynamoEndpoint, tableName(tablePrefix, manifest.name));
      for (const fn of functionsOf(manifest)) {
        const name = functionName(manifest.name, fn.id);
        const configured = {
          // As on AWS, a webhook's own function gets no WEBHOOK_URL_* (it reads its URL from the event).
          ...(fn.trigger.kind === 'webhook' ? withoutWebhookUrls(manifest, serviceEnv) : serviceEnv),
          AWS_LAMBDA_FUNCTION_NAME: name,
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.spec.memoryMb ?? 256),
          ...fakeEnvironment,
          // As on AWS, only functions that declare paging get the cursor key.
          ...(fn.spec.access?.paginates ? { CURSOR_SECRET: cursorKey } : {}),
          ...manifest.environment,
          ...localEnvironment(manifest, baseUrl),
          ...fn.spec.environment,
        };
        host.register({
          name,
          label: `${manifest.name}/${fn.id}`,
          entry: fn.spec.handler,
          timeoutSeconds: timeoutOf(fn.spec),
          memoryMb: fn.spec.memoryMb ?? 256,
          environment: { ...applyOverrides(configured, options.envOverrides ?? {}, manifest.name), ...options.environment },
        });
      }
    }

    const parts = {
      outbox: new Outbox(context, { dataDir: options.dataDir }),
      objects: new ObjectStore(context, { dataDir: options.dataDir }),
      queues: new QueueService(context),
      websockets: new WebSocketGateway(context),
      http: new HttpGateway(context),
    };
    const schedules = new Scheduler(context);
    // Order matters only for requests: the reserved /_aws and /_local prefixes come before service prefixes.
    components.push(parts.outbox, parts.objects, ...standIns, parts.queues, parts.websockets, parts.http, schedules);
    await Promise.all([parts.outbox, parts.objects, parts.queues].map((part) => part.start()));
    await tables;
    // Content is data in the tables: each service's seed writes it before the first request is served.
    await Promise.all(options.services.map((manifest) => seedContent(manifest, host, functionName, log)));
    schedules.start();

    if (options.watch) {
      let timer: NodeJS.Timeout | undefined;
      const onChange = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          host.invalidate();
          log('↻ code changed: handlers reload on their next invocation');
          // Content lives in code too: seeding again writes only what changed.
          Promise.all(options.services.map((manifest) => seedContent(manifest, host, functionName, log))).catch((error: Error) => log(`✖ ${error.message}`));
        }, 100);
      };
      const dirs = options.watch === true ? ['functions', 'shared'] : options.watch;
      watcher = dirs.map((dir) => watch(path.resolve(ROOT, dir), { recursive: true }, onChange));
    }
    ready = true;

    return {
      url: baseUrl,
      port,
      dynamoEndpoint,
      dynamoPid: dynamo?.pid,
      host,
      context,
      components,
      ...parts,
      schedules,
      fakes,
      tableName: (service) => tableName(tablePrefix, service),
      functionName,
      describe: () => components.flatMap((c) => c.describe?.() ?? []),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function seedContent(manifest: ServiceManifest, host: LambdaHost, functionName: (service: string, id: string) => string, log: (line: string) => void) {
  const seed = seedFunctionOf(manifest);
  if (!seed) return;
  try {
    const summary = await host.invoke(functionName(manifest.name, seed.id), {});
    log(`✓ ${manifest.name}: content seeded ${JSON.stringify(summary)}`);
  } catch (error) {
    throw new Error(`${manifest.name}: the content seed failed: ${(error as Error).message}`);
  }
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
