/**
 * One CloudFormation stack per service, built from its manifest alone: the
 * table, queues, buckets, secrets and APIs (under one host when asked), one
 * Lambda per manifest function wired to its trigger, least-privilege grants
 * from each function's `access`, alarms on an alarm topic, and an output for
 * every address a client or operator needs.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { envNames, functionsOf, type ServiceFunction, type ServiceManifest, type Trigger } from '../shared/manifest.ts';
import { ALARM_EMAIL_CONTEXT, AlarmTopic } from './alarm-topic.ts';
import { ServiceHttpApi, ServiceWebSocketApi } from './apis.ts';
import { grantAccess, secretEnvironment } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';
import { createCursorSecret, createServiceSecret, CURSOR_SECRET_VARIABLE } from './secrets.ts';
import { SingleHost } from './single-host.ts';
import { createServiceTable, LogBucket, ServiceBuckets } from './storage.ts';
import { WorkQueue } from './work-queue.ts';

export interface ServiceStackProps extends StackProps {
  manifest: ServiceManifest;
}

/** `liftlog` → `Liftlog`; also used for construct and output ids. */
export const pascalCase = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

export const stackNameOf = (manifest: ServiceManifest): string => pascalCase(manifest.name);

export class ServiceStack extends Stack {
  /** Every Lambda of the service, by its manifest function id. */
  readonly functions = new Map<string, lambda.Function>();

  constructor(scope: Construct, id: string, { manifest, ...props }: ServiceStackProps) {
    super(scope, id, { description: manifest.description, ...props });
    Tags.of(this).add('service', manifest.name);
    if (manifest.http.caseInsensitivePaths && !manifest.singleHost) {
      throw new Error(`service ${manifest.name}: caseInsensitivePaths needs singleHost (on AWS the distribution lowercases paths)`);
    }

    const alarms = new AlarmTopic(this, 'Alarms', {
      displayName: `${manifest.name} alarms`,
      email: this.node.tryGetContext(ALARM_EMAIL_CONTEXT),
    });
    const table = createServiceTable(this, 'Table', manifest.table);
    const queues = new Map(
      (manifest.queues ?? []).map((queue) => [
        queue.name,
        new WorkQueue(this, `Queue${pascalCase(queue.name)}`, queue, alarms.topic),
      ]),
    );
    let logBucket: s3.Bucket | undefined;
    const logs = () => (logBucket ??= new LogBucket(this, 'AccessLogs', { cloudFrontLogs: Boolean(manifest.singleHost) }).bucket);
    const buckets: Map<string, s3.IBucket> = manifest.buckets?.length
      ? new ServiceBuckets(this, 'Buckets', manifest.buckets, manifest.http.cors?.allowOrigins ?? ['*'], logs()).byName
      : new Map();
    const secrets = new Map(
      (manifest.secrets ?? []).map((secret) => [
        secret.name,
        createServiceSecret(this, `Secret${pascalCase(secret.name)}`, manifest.name, secret),
      ]),
    );
    const httpApi = new ServiceHttpApi(this, 'HttpApi', { name: manifest.name, cors: manifest.http.cors });
    const websockets = new Map(
      (manifest.websockets ?? []).map((api) => [
        api.name,
        new ServiceWebSocketApi(this, `WebSocket${pascalCase(api.name)}`, {
          name: `${manifest.name}-${api.name}`,
          manifest: api,
        }),
      ]),
    );

    const resourceEnvironment: Record<string, string> = {
      [envNames.table]: table.tableName,
      [envNames.service]: manifest.name,
      PROVIDERS: 'aws',
      [CURSOR_SECRET_VARIABLE]: createCursorSecret(this, 'CursorSecret', manifest.name),
    };
    for (const [name, queue] of queues) resourceEnvironment[envNames.queueUrl(name)] = queue.queue.queueUrl;
    for (const [name, bucket] of buckets) resourceEnvironment[envNames.bucket(name)] = bucket.bucketName;
    for (const [name, api] of websockets) resourceEnvironment[envNames.websocketEndpoint(name)] = api.managementEndpoint;

    const grantTargets = { table, hasIndexes: Boolean(manifest.table.globalIndexes?.length), queues, buckets, websockets, secrets };
    const addFunction = (fn: ServiceFunction, environment: Record<string, string>): lambda.Function => {
      const functionEnvironment = {
        ...resourceEnvironment,
        ...environment,
        ...secretEnvironment(fn.id, fn.spec.access, secrets),
        ...manifest.environment,
        ...fn.spec.environment,
      };
      if (fn.spec.access?.providers?.includes('email') && !functionEnvironment.EMAIL_FROM) {
        throw new Error(`function ${fn.id}: sending e-mail needs EMAIL_FROM (a verified SES identity) in the service or function environment`);
      }
      const created = new HandlerFunction(this, pascalCase(fn.id), {
        spec: fn.spec,
        description: `${manifest.name}: ${describeTrigger(fn.trigger)}`,
        environment: functionEnvironment,
      }).function;
      grantAccess(created, fn.id, fn.spec.access, grantTargets);
      this.functions.set(fn.id, created);
      return created;
    };

    // A Function URL exists only after its function, so a webhook's function cannot be given
    // its own URL (nor another webhook's: two webhooks would then depend on each other).
    // Webhook handlers take their public URL from the event (requestContext.domainName + rawPath).
    const webhookUrls: Record<string, string> = {};
    const all = functionsOf(manifest);
    for (const fn of all) {
      if (fn.trigger.kind !== 'webhook') continue;
      const { url } = addFunction(fn, {}).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
      webhookUrls[envNames.webhookUrl(fn.trigger.webhook.name)] = url;
      new CfnOutput(this, `WebhookUrl${pascalCase(fn.trigger.webhook.name)}`, {
        value: url,
        description: `Function URL of webhook ${fn.trigger.webhook.name} (auth in the handler: the provider signs each request)`,
      });
    }

    for (const fn of all) {
      const { trigger } = fn;
      if (trigger.kind === 'webhook') continue;
      const handler = addFunction(fn, webhookUrls);
      const id = pascalCase(fn.id);
      switch (trigger.kind) {
        case 'http':
          httpApi.addRoute(id, trigger.route, handler);
          break;
        case 'websocket':
          websockets.get(trigger.api.name)!.addRoute(id, trigger.routeKey, trigger.route, handler);
          break;
        case 'queue':
          queues.get(trigger.queue.name)!.attachConsumer(handler);
          break;
        case 'schedule':
          new events.Rule(this, `Schedule${pascalCase(trigger.schedule.name)}`, {
            description: trigger.schedule.description ?? `${manifest.name} schedule ${trigger.schedule.name}`,
            schedule: events.Schedule.expression(trigger.schedule.expression),
            targets: [new targets.LambdaFunction(handler)],
          });
          break;
      }
    }

    if (manifest.singleHost) {
      const host = new SingleHost(this, 'SingleHost', {
        httpApi: httpApi.api,
        websockets: (manifest.websockets ?? []).map((api) => ({ path: api.path, api: websockets.get(api.name)!.api })),
        caseInsensitivePaths: Boolean(manifest.http.caseInsensitivePaths),
        logBucket: logs(),
      });
      new CfnOutput(this, 'BaseUrl', {
        value: host.baseUrl,
        description: 'The one base URL of the service: the HTTP API, and each WebSocket API at its path',
      });
    }

    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'SNS topic every alarm of the service notifies; subscribe to it to hear about failures',
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    for (const [name, api] of websockets) {
      new CfnOutput(this, `WebSocketUrl${pascalCase(name)}`, { value: api.stage.url, description: `WebSocket API ${name}` });
      new CfnOutput(this, `WebSocketManagementEndpoint${pascalCase(name)}`, {
        value: api.managementEndpoint,
        description: `@connections management endpoint of WebSocket API ${name}`,
      });
    }
    for (const [name, queue] of queues) {
      new CfnOutput(this, `QueueUrl${pascalCase(name)}`, { value: queue.queue.queueUrl });
      new CfnOutput(this, `DeadLetterQueueUrl${pascalCase(name)}`, { value: queue.deadLetterQueue.queueUrl });
    }
    for (const [name, bucket] of buckets) new CfnOutput(this, `BucketName${pascalCase(name)}`, { value: bucket.bucketName });
    for (const [name, secret] of secrets) {
      new CfnOutput(this, `SecretArn${pascalCase(name)}`, {
        value: secret.secretArn,
        description: `Secret ${name}: put its JSON value after deploy`,
      });
    }
  }
}

function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'http':
      return `${trigger.route.method} ${trigger.route.path}`;
    case 'websocket':
      return `WebSocket ${trigger.api.name} ${trigger.routeKey}`;
    case 'webhook':
      return `webhook ${trigger.webhook.name}`;
    case 'queue':
      return `consumer of queue ${trigger.queue.name}`;
    case 'schedule':
      return `schedule ${trigger.schedule.name} ${trigger.schedule.expression}`;
  }
}
