/**
 * One CloudFormation stack per service, built from its manifest alone. The parent
 * template holds what the functions share: the table, queues, buckets, secrets, APIs
 * (under one host when asked), the execution roles (one per access profile) and alarms,
 * and an output for every address a client or operator needs. The functions, one per
 * manifest function, live in nested stacks per feature group with their routes and
 * triggers, so every template stays within CloudFormation's limits at any size
 * (infra/README.md).
 */
import { CfnOutput, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { envNames, functionsOf, type ServiceFunction, type ServiceManifest } from '../shared/manifest.ts';
import { METRICS_NAMESPACE } from '../shared/observability/metrics.ts';
import { ALARM_EMAIL_CONTEXT, AlarmTopic } from './alarm-topic.ts';
import { ServiceHttpApi, ServiceWebSocketApi } from './apis.ts';
import { type FunctionBundles, unbundledCode } from './bundle-functions.ts';
import { ExecutionRoles } from './execution-roles.ts';
import { FunctionGroupStack } from './function-group-stack.ts';
import { planFunctionGroups } from './function-groups.ts';
import { secretEnvironment } from './grants.ts';
import { pascalCase } from './names.ts';
import { createCursorSecret, createServiceSecret, CURSOR_SECRET_VARIABLE } from './secrets.ts';
import { SingleHost } from './single-host.ts';
import { createServiceTable, LogBucket, ServiceBuckets } from './storage.ts';
import { WorkQueue } from './work-queue.ts';

export interface ServiceStackProps extends StackProps {
  manifest: ServiceManifest;
  /** The functions' bundles; only a synth without bundling (template tests, `cdk ls`) may omit them. */
  bundles?: FunctionBundles;
}

export const stackNameOf = (manifest: ServiceManifest): string => pascalCase(manifest.name);

export class ServiceStack extends Stack {
  /** Every Lambda of the service, by its manifest function id. */
  readonly functions = new Map<string, lambda.Function>();
  /** The nested stacks holding the functions. */
  readonly functionGroups: FunctionGroupStack[] = [];
  /** The execution roles, one per access profile. */
  readonly roles: ExecutionRoles;

  constructor(scope: Construct, id: string, { manifest, bundles, ...props }: ServiceStackProps) {
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
    const queues = new Map((manifest.queues ?? []).map((queue) => [queue.name, new WorkQueue(this, `Queue${pascalCase(queue.name)}`, queue, alarms.topic)]));
    let logBucket: s3.Bucket | undefined;
    const logs = () => (logBucket ??= new LogBucket(this, 'AccessLogs', { cloudFrontLogs: Boolean(manifest.singleHost) }).bucket);
    const buckets: Map<string, s3.IBucket> = manifest.buckets?.length
      ? new ServiceBuckets(this, 'Buckets', manifest.buckets, manifest.http.cors?.allowOrigins ?? ['*'], logs()).byName
      : new Map();
    const secrets = new Map(
      (manifest.secrets ?? []).map((secret) => [secret.name, createServiceSecret(this, `Secret${pascalCase(secret.name)}`, manifest.name, secret)]),
    );
    // Envelope encryption of values at rest (access.dataKeys): retained, since what it sealed exists nowhere else.
    const dataKey = functionsOf(manifest).some((fn) => fn.spec.access?.dataKeys)
      ? new kms.Key(this, 'DataKey', {
          description: `${manifest.name}: wraps the data keys of values sealed at rest`,
          enableKeyRotation: true,
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;
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
      // Powertools logger and metrics (shared/observability): EMF metrics are log lines, so no grant.
      POWERTOOLS_SERVICE_NAME: manifest.name,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    };
    for (const [name, queue] of queues) resourceEnvironment[envNames.queueUrl(name)] = queue.queue.queueUrl;
    for (const [name, bucket] of buckets) resourceEnvironment[envNames.bucket(name)] = bucket.bucketName;
    for (const [name, api] of websockets) resourceEnvironment[envNames.websocketEndpoint(name)] = api.managementEndpoint;

    this.roles = new ExecutionRoles(this, 'ExecutionRoles', {
      manifest,
      targets: { table, hasIndexes: Boolean(manifest.table.globalIndexes?.length), queues, buckets, websockets, secrets, dataKey },
    });
    // Made only for a service that pages, and handed only to the functions that do: each is a dynamic reference.
    let cursorSecret: string | undefined;
    const cursorSecretReference = () => (cursorSecret ??= createCursorSecret(this, 'CursorSecret', manifest.name));

    // A Function URL exists only after its function, so a webhook's function cannot be given
    // its own URL (nor another webhook's: two webhooks would then depend on each other).
    // Webhook handlers take their public URL from the event (requestContext.domainName + rawPath).
    const webhookUrls: Record<string, string> = {};
    const environmentOf = (fn: ServiceFunction): Record<string, string> => {
      const environment: Record<string, string> = {
        ...resourceEnvironment,
        ...(fn.trigger.kind === 'webhook' ? {} : webhookUrls),
        ...secretEnvironment(fn.id, fn.spec.access, secrets),
        ...(fn.spec.access?.paginates ? { [CURSOR_SECRET_VARIABLE]: cursorSecretReference() } : {}),
        ...(fn.spec.access?.dataKeys && dataKey ? { SECRETS_KMS_KEY_ID: dataKey.keyArn } : {}),
        ...manifest.environment,
        ...fn.spec.environment,
      };
      if (fn.spec.access?.providers?.includes('email') && !environment.EMAIL_FROM) {
        throw new Error(`function ${fn.id}: sending e-mail needs EMAIL_FROM (a verified SES identity) in the service or function environment`);
      }
      return environment;
    };
    if (!bundles && this.bundlingRequired) {
      throw new Error(`stack ${id}: bundling is required, so its functions' bundles must be given (infra/bundle-functions.ts)`);
    }
    const wiring = {
      manifest,
      environmentOf,
      codeOf: (fn: ServiceFunction) => (bundles ? bundles.codeFor(fn.spec.handler) : unbundledCode()),
      roles: this.roles,
      httpApi,
      websockets,
      queues,
    };

    // Webhooks come first (planFunctionGroups): every later group is told their URLs.
    for (const group of planFunctionGroups(manifest)) {
      const stack = new FunctionGroupStack(this, `Functions${group.id}`, { group, wiring });
      this.functionGroups.push(stack);
      for (const [fnId, fn] of stack.functions) this.functions.set(fnId, fn);
      for (const [name, url] of stack.webhookUrls) {
        webhookUrls[envNames.webhookUrl(name)] = url;
        new CfnOutput(this, `WebhookUrl${pascalCase(name)}`, {
          value: url,
          description: `Function URL of webhook ${name} (auth in the handler: the provider signs each request)`,
        });
      }
    }

    if (manifest.singleHost) {
      const host = new SingleHost(this, 'SingleHost', {
        httpApi: httpApi.api,
        websockets: (manifest.websockets ?? []).map((api) => ({ name: api.name, path: api.path, api: websockets.get(api.name)!.api })),
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
