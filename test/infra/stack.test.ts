/**
 * Assertions on the synthesized service stacks: every manifest entry becomes
 * exactly the AWS resources the platform promises, with least-privilege grants
 * and no unacknowledged cdk-nag finding. Bundling is skipped (the templates do
 * not depend on bundle contents); `npm run synth` covers real bundling.
 */
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../functions/services.ts';
import { pascalCase, ServiceStack, stackNameOf } from '../../infra/service-stack.ts';
import {
  defineService,
  envNames,
  functionsOf,
  queueSettings,
  tableKeys,
  type ServiceManifest,
} from '../../shared/manifest.ts';

const handler = 'functions/liftlog/health/get-health.ts';

/** Every construct kind the stacks build, so each is exercised before any product uses it. */
const everyKind = defineService({
  name: 'stackcheck',
  description: 'Every construct kind a service stack can contain',
  environment: { FEATURE_FLAG: 'on' },
  http: {
    cors: { allowOrigins: ['https://app.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'] },
    routes: [
      { method: 'GET', path: '/things/{id}', auth: 'jwt', handler, access: { table: 'read' } },
      {
        method: 'ANY',
        path: '/files/{proxy+}',
        auth: 'jwt',
        handler,
        memoryMb: 512,
        timeoutSeconds: 15,
        environment: { FEATURE_FLAG: 'off' },
        access: { sendsTo: ['jobs'], buckets: { uploads: 'readwrite' } },
      },
    ],
  },
  websockets: [
    {
      name: 'live',
      path: '/live',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { handler, auth: 'jwt' },
        $disconnect: { handler },
        $default: { handler, returnsResponse: true },
        send: { handler, access: { postsTo: ['live'] } },
      },
    },
  ],
  webhooks: [{ name: 'meta', auth: 'signature', handler, access: { sendsTo: ['jobs'] } }],
  queues: [
    {
      name: 'jobs',
      consumer: { handler, timeoutSeconds: 20, access: { postsTo: ['live'], buckets: { uploads: 'read' } } },
      batchSize: 5,
      batchingWindowSeconds: 2,
      maxReceiveCount: 3,
      deliveryDelaySeconds: 4,
    },
  ],
  schedules: [{ name: 'sweep', expression: 'cron(0 3 * * ? *)', handler, access: { table: 'none' } }],
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
  buckets: [{ name: 'uploads', cors: true, expireAfterDays: 30 }],
});

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

interface Synthesized {
  manifest: ServiceManifest;
  stack: ServiceStack;
  template: Template;
  resources: Record<string, Resource>;
  logicalId(construct: { node: { defaultChild?: unknown } }): string;
  /** Logical id of the Lambda of a manifest function. */
  functionOf(functionId: string): string;
  ofType(type: string): [string, Resource][];
  /** Logical id of the WebSocket API a manifest entry became. */
  webSocketApiOf(name: string): string;
  environmentOf(functionId: string): Record<string, any>;
  /** Every IAM statement attached to the role of a function. */
  statementsOf(functionLogicalId: string): { Action: string | string[]; Resource: unknown }[];
}

function synthesize(manifest: ServiceManifest): Synthesized {
  // Schema validation of the templates is left to `npm run synth`; here it would only add seconds.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new ServiceStack(app, stackNameOf(manifest), { manifest });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  return {
    manifest,
    stack,
    template,
    resources,
    logicalId,
    ofType,
    functionOf: (functionId) => logicalId(stack.functions.get(functionId)!),
    webSocketApiOf: (name) =>
      ofType('AWS::ApiGatewayV2::Api').find(([, api]) => api.Properties.Name === `${manifest.name}-${name}`)![0],
    environmentOf: (functionId) =>
      resources[logicalId(stack.functions.get(functionId)!)].Properties.Environment.Variables,
    statementsOf(functionLogicalId) {
      const role = resources[functionLogicalId].Properties.Role['Fn::GetAtt'][0];
      return ofType('AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    },
  };
}

const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();

/** The function an API Gateway route's integration invokes. */
function functionBehindRoute(s: Synthesized, route: Resource): string {
  const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
  const uri = s.resources[integrationId].Properties.IntegrationUri;
  // HTTP integrations name the function ARN; WebSocket ones wrap it in the Lambda invocation URI.
  return uri['Fn::GetAtt']?.[0] ?? uri['Fn::Join'][1].find((part: any) => part['Fn::GetAtt'])['Fn::GetAtt'][0];
}

describe.each([...services, everyKind].map((manifest) => [stackNameOf(manifest), manifest] as const))(
  'ServiceStack %s',
  (_name, manifest) => {
    let s: Synthesized;
    beforeAll(() => {
      s = synthesize(manifest);
    });

    it('creates exactly one Lambda function per manifest function, and no helper functions', () => {
      const fns = functionsOf(manifest);
      s.template.resourceCountIs('AWS::Lambda::Function', fns.length);
      expect([...s.stack.functions.keys()].sort()).toEqual(fns.map((fn) => fn.id).sort());
    });

    it('runs every function on nodejs22.x on arm64 with the memory and timeout of its spec', () => {
      for (const fn of functionsOf(manifest)) {
        const props = s.resources[s.functionOf(fn.id)].Properties;
        expect(props).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          MemorySize: fn.spec.memoryMb ?? 256,
          Timeout: fn.spec.timeoutSeconds ?? 10,
        });
        expect(props.LoggingConfig.LogGroup.Ref).toBeDefined();
      }
    });

    it('routes each HTTP route key to exactly one route and its own function (payload 2.0)', () => {
      const httpApi = s.ofType('AWS::ApiGatewayV2::Api').find(([, api]) => api.Properties.ProtocolType === 'HTTP')![0];
      const routes = s.ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.ApiId.Ref === httpApi);
      expect(routes).toHaveLength(manifest.http.routes.length);
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'http') continue;
        const key = `${fn.trigger.route.method} ${fn.trigger.route.path}`;
        const matching = routes.filter(([, r]) => r.Properties.RouteKey === key);
        expect(matching, key).toHaveLength(1);
        expect(functionBehindRoute(s, matching[0][1]), key).toBe(s.functionOf(fn.id));
      }
      const integrations = s.ofType('AWS::ApiGatewayV2::Integration').filter(([, i]) => i.Properties.ApiId.Ref === httpApi);
      expect(integrations.map(([, i]) => i.Properties.PayloadFormatVersion)).toEqual(manifest.http.routes.map(() => '2.0'));
    });

    it('serves the HTTP API from an auto-deployed, throttled stage with access logs', () => {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
      });
    });

    it('routes each WebSocket route to its own function, answering only on two-way routes', () => {
      for (const api of manifest.websockets ?? []) {
        const apiId = s.webSocketApiOf(api.name);
        expect(s.resources[apiId].Properties.RouteSelectionExpression).toBe(api.routeSelectionExpression);
        const routes = s.ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.ApiId.Ref === apiId);
        expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(Object.keys(api.routes).sort());
        const responses = s.ofType('AWS::ApiGatewayV2::RouteResponse').filter(([, r]) => r.Properties.ApiId.Ref === apiId);
        for (const { id, trigger } of functionsOf(manifest)) {
          if (trigger.kind !== 'websocket' || trigger.api !== api) continue;
          const [routeId, route] = routes.find(([, r]) => r.Properties.RouteKey === trigger.routeKey)!;
          expect(functionBehindRoute(s, route)).toBe(s.functionOf(id));
          const answered = responses.filter(([, r]) => r.Properties.RouteId.Ref === routeId);
          const expected = trigger.route.returnsResponse ? ['$default'] : [];
          expect(answered.map(([, r]) => r.Properties.RouteResponseKey)).toEqual(expected);
        }
        s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
          ApiId: { Ref: apiId },
          AutoDeploy: true,
          DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
          AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
        });
      }
    });

    it('gives every queue a DLQ after maxReceiveCount receives, an alarm on that DLQ and a batching event source', () => {
      const mappings = s.ofType('AWS::Lambda::EventSourceMapping');
      expect(mappings).toHaveLength(manifest.queues?.length ?? 0);
      for (const { id, trigger } of functionsOf(manifest)) {
        if (trigger.kind !== 'queue') continue;
        const settings = queueSettings(trigger.queue);
        // Follow the consumer's event source to its queue, and the queue's redrive policy to its DLQ.
        const mapping = mappings.filter(([, m]) => m.Properties.FunctionName.Ref === s.functionOf(id));
        expect(mapping).toHaveLength(1);
        expect(mapping[0][1].Properties).toMatchObject({
          BatchSize: settings.batchSize,
          MaximumBatchingWindowInSeconds: settings.batchingWindowSeconds,
          FunctionResponseTypes: settings.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
        });
        const queueId = mapping[0][1].Properties.EventSourceArn['Fn::GetAtt'][0];
        const queue = s.resources[queueId];
        expect(queue.Properties).toMatchObject({
          VisibilityTimeout: settings.visibilityTimeoutSeconds,
          DelaySeconds: settings.deliveryDelaySeconds,
          SqsManagedSseEnabled: true,
          RedrivePolicy: { maxReceiveCount: settings.maxReceiveCount },
        });
        const dlq = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
        expect(s.resources[dlq].Type).toBe('AWS::SQS::Queue');
        s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
        });
        for (const protectedQueue of [queueId, dlq]) {
          s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
            Queues: [{ Ref: protectedQueue }],
            PolicyDocument: { Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
          });
        }
      }
    });

    it('invokes each schedule function from an EventBridge rule with its expression', () => {
      const rules = s.ofType('AWS::Events::Rule');
      expect(rules).toHaveLength(manifest.schedules?.length ?? 0);
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'schedule') continue;
        s.template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: fn.trigger.schedule.expression,
          Targets: [{ Arn: { 'Fn::GetAtt': [s.functionOf(fn.id), 'Arn'] } }],
        });
      }
    });

    it('exposes each webhook as a Function URL without IAM auth (providers sign requests)', () => {
      const urls = s.ofType('AWS::Lambda::Url');
      expect(urls).toHaveLength(manifest.webhooks?.length ?? 0);
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'webhook') continue;
        s.template.hasResourceProperties('AWS::Lambda::Url', {
          AuthType: 'NONE',
          TargetFunctionArn: { 'Fn::GetAtt': [s.functionOf(fn.id), 'Arn'] },
        });
      }
    });

    it('keeps the table on demand, with PITR, TTL, AWS-managed encryption and the manifest indexes, retained', () => {
      const keys = tableKeys(manifest.table);
      s.template.resourceCountIs('AWS::DynamoDB::Table', 1);
      s.template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          TimeToLiveSpecification: { AttributeName: manifest.table.ttlAttribute, Enabled: true },
          SSESpecification: { SSEEnabled: true },
          KeySchema: [
            { AttributeName: keys.partitionKey, KeyType: 'HASH' },
            { AttributeName: keys.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: (manifest.table.globalIndexes ?? []).map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' }] : []),
            ],
          })),
        },
      });
    });

    it('gives every function the resource environment the local runtime gives it', () => {
      const webhookNames = (manifest.webhooks ?? []).map((w) => envNames.webhookUrl(w.name));
      for (const fn of functionsOf(manifest)) {
        const env = s.environmentOf(fn.id);
        const expected = [
          envNames.table,
          envNames.service,
          ...(manifest.queues ?? []).map((q) => envNames.queueUrl(q.name)),
          ...(manifest.buckets ?? []).map((b) => envNames.bucket(b.name)),
          ...(manifest.websockets ?? []).map((w) => envNames.websocketEndpoint(w.name)),
          // A webhook's function cannot reference Function URLs (see the stack); it reads its URL from the event.
          ...(fn.trigger.kind === 'webhook' ? [] : webhookNames),
        ];
        expect(Object.keys(env)).toEqual(expect.arrayContaining([...expected, 'PROVIDERS']));
        expect(env).toMatchObject({
          SERVICE_NAME: manifest.name,
          PROVIDERS: 'aws',
          ...manifest.environment,
          ...fn.spec.environment,
        });
        if (fn.trigger.kind === 'webhook') for (const name of webhookNames) expect(env).not.toHaveProperty(name);
      }
    });

    it('names the https management endpoint of each WebSocket stage in WS_ENDPOINT_*', () => {
      for (const api of manifest.websockets ?? []) {
        const apiId = s.webSocketApiOf(api.name);
        const [, stage] = s.ofType('AWS::ApiGatewayV2::Stage').find(([, st]) => st.Properties.ApiId.Ref === apiId)!;
        for (const fn of functionsOf(manifest)) {
          const endpoint = s.environmentOf(fn.id)[envNames.websocketEndpoint(api.name)];
          expect(endpoint['Fn::Join'][1]).toEqual([
            'https://',
            { Ref: apiId },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            `/${stage.Properties.StageName}`,
          ]);
        }
      }
    });

    it('grants no IAM action that is a full wildcard or a whole-service wildcard', () => {
      const statements = [
        ...s.ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement),
        ...s
          .ofType('AWS::IAM::Role')
          .flatMap(([, r]) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)),
      ];
      expect(statements.length).toBeGreaterThan(0);
      for (const action of statements.flatMap(actionsOf)) expect(action).not.toMatch(/^\*$|^[a-z0-9-]+:\*$/);
    });

    it('outputs every address: HTTP API, WebSocket URLs and endpoints, webhooks, queues, buckets, table', () => {
      const outputs = Object.keys(s.template.toJSON().Outputs ?? {});
      expect(outputs).toEqual(
        expect.arrayContaining([
          'HttpApiUrl',
          'TableName',
          ...(manifest.websockets ?? []).flatMap((w) => [
            `WebSocketUrl${pascalCase(w.name)}`,
            `WebSocketManagementEndpoint${pascalCase(w.name)}`,
          ]),
          ...(manifest.webhooks ?? []).map((w) => `WebhookUrl${pascalCase(w.name)}`),
          ...(manifest.queues ?? []).flatMap((q) => [`QueueUrl${pascalCase(q.name)}`, `DeadLetterQueueUrl${pascalCase(q.name)}`]),
          ...(manifest.buckets ?? []).map((b) => `BucketName${pascalCase(b.name)}`),
        ]),
      );
    });

    it('has no unacknowledged cdk-nag AwsSolutions error or warning', () => {
      const report = new AwsSolutionsChecks().validateScope(s.stack);
      const findings = report.violations.map(
        (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );
      expect(findings).toEqual([]);
    });
  },
);

describe('ServiceStack grants (every construct kind)', () => {
  let s: Synthesized;
  const fns = functionsOf(everyKind);
  const idOf = (predicate: (fn: (typeof fns)[number]) => boolean) => s.functionOf(fns.find(predicate)!.id);
  const actions = (functionLogicalId: string) => s.statementsOf(functionLogicalId).flatMap(actionsOf);
  beforeAll(() => {
    s = synthesize(everyKind);
  });

  it('lets a function with table: read read but never write the table', () => {
    const granted = actions(idOf((fn) => fn.trigger.kind === 'http' && fn.trigger.route.method === 'GET'));
    expect(granted).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(granted.filter((a) => /^dynamodb:.*(Write|Put|Update|Delete)/.test(a))).toEqual([]);
  });

  it('lets a function read and write the table by default', () => {
    const granted = actions(idOf((fn) => fn.trigger.kind === 'webhook'));
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
    expect(granted).toEqual(expect.arrayContaining(['dynamodb:GetItem', ...writes]));
  });

  it('gives a function with table: none no DynamoDB action at all', () => {
    const granted = actions(idOf((fn) => fn.trigger.kind === 'schedule'));
    expect(granted.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('lets only the functions that declare sendsTo send to the queue', () => {
    const senders = fns.filter((fn) => fn.spec.access?.sendsTo?.length).map((fn) => s.functionOf(fn.id));
    for (const fn of fns) {
      const sends = actions(s.functionOf(fn.id)).includes('sqs:SendMessage');
      expect(sends, fn.id).toBe(senders.includes(s.functionOf(fn.id)));
    }
  });

  it("grants execute-api:ManageConnections on that API stage's @connections only to functions that post", () => {
    const [apiId] = s.ofType('AWS::ApiGatewayV2::Api').find(([, a]) => a.Properties.ProtocolType === 'WEBSOCKET')!;
    for (const fn of fns) {
      const statements = s
        .statementsOf(s.functionOf(fn.id))
        .filter((st) => actionsOf(st).includes('execute-api:ManageConnections'));
      if (!fn.spec.access?.postsTo?.length) {
        expect(statements, fn.id).toEqual([]);
        continue;
      }
      expect(statements).toHaveLength(1);
      const arn = (statements[0].Resource as any)['Fn::Join'][1];
      expect(arn).toContainEqual({ Ref: apiId });
      expect(arn.at(-1)).toMatch(/^\/[^/]+\/\*\/@connections\/\*$/);
    }
  });

  it('grants object reads to read access and object writes only to readwrite access', () => {
    const readwrite = actions(idOf((fn) => fn.trigger.kind === 'http' && fn.trigger.route.method === 'ANY'));
    expect(readwrite).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
    const readOnly = actions(idOf((fn) => fn.trigger.kind === 'queue'));
    expect(readOnly).toEqual(expect.arrayContaining(['s3:GetObject']));
    expect(readOnly).not.toContain('s3:PutObject');
    expect(readOnly).not.toContain('s3:DeleteObject');
  });

  it('keeps buckets private, encrypted, TLS-only, logged, expiring and open to browser uploads when asked', () => {
    const bucket = everyKind.buckets![0];
    s.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() }, LogFilePrefix: `${bucket.name}/` },
        LifecycleConfiguration: { Rules: Match.arrayWith([{ ExpirationInDays: bucket.expireAfterDays, Status: 'Enabled' }]) },
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedOrigins: everyKind.http.cors!.allowOrigins,
              AllowedMethods: Match.arrayWith(['GET', 'PUT']),
            }),
          ],
        },
      },
    });
    for (const [, policy] of s.ofType('AWS::S3::BucketPolicy')) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('applies the manifest CORS to the HTTP API', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: everyKind.http.cors!.allowOrigins,
        AllowMethods: everyKind.http.cors!.allowMethods,
        AllowHeaders: everyKind.http.cors!.allowHeaders,
      },
    });
  });

  it('refuses an access entry naming a queue the service does not have', () => {
    const broken = defineService({
      ...everyKind,
      name: 'stackbroken',
      http: { routes: [{ method: 'GET', path: '/x', auth: 'none', handler, access: { sendsTo: ['nope'] } }] },
    });
    expect(() => synthesize(broken)).toThrow(/unknown queue "nope"/);
  });
});
