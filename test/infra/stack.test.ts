/**
 * Assertions on the synthesized service stacks: every manifest entry becomes
 * exactly the AWS resources the platform promises, with least-privilege grants
 * and no unacknowledged cdk-nag finding. Bundling is skipped (the templates do
 * not depend on bundle contents); `npm run synth` covers real bundling.
 */
import { App, Stack, type CfnElement, type Environment } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../functions/services.ts';
import { accessProfileOf, accessProfiles, profileName } from '../../infra/execution-roles.ts';
import { featureOf } from '../../infra/function-groups.ts';
import { pascalCase } from '../../infra/names.ts';
import { ServiceStack, stackNameOf } from '../../infra/service-stack.ts';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics.ts';
import { defineService, envNames, functionsOf, queueSettings, tableKeys, type MessagingProvider, type ServiceManifest } from '../../shared/manifest.ts';

const handler = 'functions/liftlog/health/get-health.ts';

/** Every construct kind the stacks build, so each is exercised before any product uses it. */
const everyKind = defineService({
  name: 'stackcheck',
  description: 'Every construct kind a service stack can contain',
  singleHost: true,
  environment: { FEATURE_FLAG: 'on', EMAIL_FROM: 'noreply@app.example' },
  http: {
    cors: { allowOrigins: ['https://app.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'] },
    caseInsensitivePaths: true,
    routes: [
      { method: 'GET', path: '/things/{id}', auth: 'jwt', handler, access: { table: 'read', providers: ['push', 'email'] } },
      // The same access as the route above, and lists with cursors.
      { method: 'GET', path: '/things', auth: 'jwt', handler, access: { providers: ['email', 'push', 'push-endpoints'], table: 'read', paginates: true } },
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
      path: '/socket',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { handler, auth: 'jwt' },
        $disconnect: { handler },
        $default: { handler, returnsResponse: true },
        send: { handler, access: { postsTo: ['live'] } },
      },
    },
  ],
  webhooks: [{ name: 'meta', auth: 'signature', handler, access: { sendsTo: ['jobs'], secrets: ['meta-app'], dataKeys: true } }],
  queues: [
    {
      name: 'jobs',
      consumer: {
        handler,
        timeoutSeconds: 20,
        access: { postsTo: ['live'], buckets: { uploads: 'read' }, secrets: ['meta-app', 'openai'], providers: ['sms'] },
      },
      batchSize: 5,
      batchingWindowSeconds: 2,
      maxReceiveCount: 3,
      deliveryDelaySeconds: 4,
    },
  ],
  schedules: [{ name: 'sweep', expression: 'cron(0 3 * * ? *)', handler, access: { table: 'none' } }],
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
  buckets: [{ name: 'uploads', cors: true, expireAfterDays: 30, pendingPrefix: 'pending/' }],
  secrets: [
    { name: 'meta-app', description: 'Meta app secret and access token' },
    { name: 'openai', description: 'OpenAI API key' },
  ],
});

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type TemplateJson = { Resources: Record<string, Resource>; Outputs?: Record<string, { Value: unknown }>; Parameters?: Record<string, unknown> };

interface Synthesized {
  manifest: ServiceManifest;
  stack: ServiceStack;
  /** The parent template with every nested template merged in, parameters replaced by what the parent passes. */
  template: Template;
  resources: Record<string, Resource>;
  /** Logical id of the Lambda of a manifest function. */
  functionOf(functionId: string): string;
  ofType(type: string): [string, Resource][];
  /** Logical id of the WebSocket API a manifest entry became. */
  webSocketApiOf(name: string): string;
  environmentOf(functionId: string): Record<string, any>;
  /** Every IAM statement attached to the role of a function. */
  statementsOf(functionLogicalId: string): { Action: string | string[]; Resource: unknown }[];
}

const logicalIdIn = (stack: Stack, element: CfnElement) => stack.resolve(stack.getLogicalId(element)) as string;

/** Replaces `{ Ref: parameter }` by the value given, throughout a template fragment. */
function substitute(node: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, values));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { Ref?: string }).Ref;
  if (typeof ref === 'string' && Object.keys(node).length === 1 && ref in values) return values[ref];
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, values)]));
}

/**
 * One template as if nothing were nested: each nested template's parameters replaced by the
 * parent's values for them (an output of another nested stack by that output's value), its
 * resources and the parent's side by side.
 */
function flatten(stack: ServiceStack): TemplateJson {
  const parent = Template.fromStack(stack).toJSON() as TemplateJson;
  const resources: Record<string, Resource> = {};
  const nestedOutputs = new Map<string, Record<string, { Value: unknown }>>();
  const resolveOutputs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolveOutputs);
    if (!node || typeof node !== 'object') return node;
    const getAtt = (node as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (getAtt && nestedOutputs.has(getAtt[0]) && getAtt[1].startsWith('Outputs.')) {
      return nestedOutputs.get(getAtt[0])![getAtt[1].slice('Outputs.'.length)].Value;
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveOutputs(value)]));
  };
  // Groups come in creation order, webhooks first: an output is resolved before any group uses it.
  for (const group of stack.functionGroups) {
    const id = logicalIdIn(stack, group.nestedStackResource!);
    const nested = Template.fromStack(group).toJSON() as TemplateJson;
    const values = resolveOutputs(parent.Resources[id].Properties.Parameters ?? {}) as Record<string, unknown>;
    const merged = substitute(nested, values) as TemplateJson;
    for (const [logicalId, resource] of Object.entries(merged.Resources)) {
      expect(resources, `${logicalId} is in two templates`).not.toHaveProperty(logicalId);
      resources[logicalId] = resource;
    }
    nestedOutputs.set(id, merged.Outputs ?? {});
  }
  for (const [logicalId, resource] of Object.entries(parent.Resources)) {
    if (resource.Type === 'AWS::CloudFormation::Stack') continue;
    expect(resources, `${logicalId} is in two templates`).not.toHaveProperty(logicalId);
    resources[logicalId] = resource;
  }
  return { Resources: resources, Outputs: resolveOutputs(parent.Outputs) as TemplateJson['Outputs'] };
}

function synthesize(manifest: ServiceManifest, options: { context?: Record<string, string>; env?: Environment } = {}): Synthesized {
  // Schema validation of the templates is left to `npm run synth`; here it would only add seconds.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...options.context }, builtinCloudFormationValidation: false });
  const stack = new ServiceStack(app, stackNameOf(manifest), { manifest, env: options.env });
  const json = flatten(stack);
  const template = Template.fromJSON(json);
  const resources = json.Resources;
  const functionOf = (functionId: string) => {
    const fn = stack.functions.get(functionId)!;
    return logicalIdIn(Stack.of(fn), fn.node.defaultChild as CfnElement);
  };
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  return {
    manifest,
    stack,
    template,
    resources,
    ofType,
    functionOf,
    webSocketApiOf: (name) => ofType('AWS::ApiGatewayV2::Api').find(([, api]) => api.Properties.Name === `${manifest.name}-${name}`)![0],
    environmentOf: (functionId) => resources[functionOf(functionId)].Properties.Environment.Variables,
    statementsOf(functionLogicalId) {
      const role = resources[functionLogicalId].Properties.Role['Fn::GetAtt'][0];
      return ofType('AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    },
  };
}

const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();

function nagFindings(stack: ServiceStack): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

/** The function an API Gateway route's integration invokes. */
function functionBehindRoute(s: Synthesized, route: Resource): string {
  const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
  const uri = s.resources[integrationId].Properties.IntegrationUri;
  // HTTP integrations name the function ARN; WebSocket ones wrap it in the Lambda invocation URI.
  return uri['Fn::GetAtt']?.[0] ?? uri['Fn::Join'][1].find((part: any) => part['Fn::GetAtt'])['Fn::GetAtt'][0];
}

describe.each([...services, everyKind].map((manifest) => [stackNameOf(manifest), manifest] as const))('ServiceStack %s', (_name, manifest) => {
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

  it('puts every function, with its route, integration, permission and trigger, in the nested stack of its feature; the parent keeps what they share', () => {
    const parent = Template.fromStack(s.stack).toJSON() as TemplateJson;
    const parentTypes = new Set(Object.values(parent.Resources).map((r) => r.Type));
    const perFunction = [
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Integration',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Events::Rule',
      'AWS::Lambda::Url',
    ];
    for (const type of perFunction) expect(parentTypes.has(type), type).toBe(false);
    for (const type of ['AWS::DynamoDB::Table', 'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']) {
      expect(parentTypes.has(type), type).toBe(true);
    }
    for (const group of s.stack.functionGroups) {
      const features = new Set([...group.functions.keys()].map((id) => featureOf(manifest.name, functionsOf(manifest).find((fn) => fn.id === id)!)));
      expect(features.size, group.node.id).toBe(1);
    }
    const placed = s.stack.functionGroups.flatMap((group) => [...group.functions.keys()]);
    expect(placed.sort()).toEqual(
      functionsOf(manifest)
        .map((fn) => fn.id)
        .sort(),
    );
  });

  it('gives the functions of one access profile one role and one log group, which no other role may write to', () => {
    const fns = functionsOf(manifest);
    const roleOf = (id: string) => s.resources[s.functionOf(id)].Properties.Role['Fn::GetAtt'][0] as string;
    const logGroupOf = (id: string) => s.resources[s.functionOf(id)].Properties.LoggingConfig.LogGroup.Ref as string;
    for (const a of fns) {
      for (const b of fns) {
        const sameProfile = profileName(accessProfileOf(a)) === profileName(accessProfileOf(b));
        expect(roleOf(a.id) === roleOf(b.id), `${a.id} / ${b.id}`).toBe(sameProfile);
        expect(logGroupOf(a.id) === logGroupOf(b.id), `${a.id} / ${b.id}`).toBe(sameProfile);
      }
    }
    const logGroups = new Set(s.ofType('AWS::Logs::LogGroup').map(([id]) => id));
    for (const fn of fns) {
      const logWrites = s.statementsOf(s.functionOf(fn.id)).filter((st) => actionsOf(st).some((a) => a.startsWith('logs:')));
      const written = logWrites.flatMap((st) => [st.Resource].flat()).map((r: any) => r['Fn::GetAtt']?.[0]);
      expect(
        written.filter((id) => logGroups.has(id)),
        fn.id,
      ).toEqual([logGroupOf(fn.id)]);
    }
    const apiGatewayLogging = manifest.websockets?.length ? 1 : 0;
    s.template.resourceCountIs('AWS::IAM::Role', accessProfiles(manifest).size + apiGatewayLogging);
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

  it('gives every queue a DLQ after maxReceiveCount receives, an alarm on that DLQ notifying the alarm topic and a batching event source', () => {
    const [[topic]] = s.ofType('AWS::SNS::Topic');
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
        AlarmActions: [{ Ref: topic }],
        OKActions: [{ Ref: topic }],
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
          KeySchema: [{ AttributeName: index.partitionKey, KeyType: 'HASH' }, ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' }] : [])],
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
        POWERTOOLS_SERVICE_NAME: manifest.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
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
      ...s.ofType('AWS::IAM::Role').flatMap(([, r]) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)),
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
        ...(manifest.websockets ?? []).flatMap((w) => [`WebSocketUrl${pascalCase(w.name)}`, `WebSocketManagementEndpoint${pascalCase(w.name)}`]),
        ...(manifest.webhooks ?? []).map((w) => `WebhookUrl${pascalCase(w.name)}`),
        ...(manifest.queues ?? []).flatMap((q) => [`QueueUrl${pascalCase(q.name)}`, `DeadLetterQueueUrl${pascalCase(q.name)}`]),
        ...(manifest.buckets ?? []).map((b) => `BucketName${pascalCase(b.name)}`),
        ...(manifest.secrets ?? []).map((secret) => `SecretArn${pascalCase(secret.name)}`),
        'AlarmTopicArn',
        ...(manifest.singleHost ? ['BaseUrl'] : []),
      ]),
    );
  });

  it("hands CURSOR_SECRET only to functions that paginate, as a deploy-time reference to the stack's generated key, readable by none", () => {
    const paginating = functionsOf(manifest).filter((fn) => fn.spec.access?.paginates);
    const generated = s.ofType('AWS::SecretsManager::Secret').filter(([, r]) => r.Properties.GenerateSecretString !== undefined);
    // A key nobody is given would be a secret to pay for and nothing else.
    expect(generated).toHaveLength(paginating.length ? 1 : 0);
    for (const fn of functionsOf(manifest)) {
      if (!fn.spec.access?.paginates) expect(s.environmentOf(fn.id), fn.id).not.toHaveProperty('CURSOR_SECRET');
    }
    if (!paginating.length) return;
    const [[cursorSecret, secret]] = generated;
    // pagination.ts requires 32+ characters.
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    for (const fn of paginating) {
      expect(s.environmentOf(fn.id).CURSOR_SECRET, fn.id).toEqual({
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: cursorSecret }, ':SecretString:::}}']],
      });
    }
    for (const fn of functionsOf(manifest)) {
      const reads = s.statementsOf(s.functionOf(fn.id)).filter((st) => JSON.stringify(st.Resource).includes(cursorSecret));
      expect(reads, fn.id).toEqual([]);
    }
  });

  it('sends alarms to one KMS-encrypted, TLS-only topic that only CloudWatch alarms of this account may publish to', () => {
    const topics = s.ofType('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [[topicId, topic]] = topics;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    expect(s.resources[keyId].Properties.EnableKeyRotation).toBe(true);
    const [[, policy]] = s.ofType('AWS::SNS::TopicPolicy');
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
        }),
      ]),
    );
    const keyStatements = s.resources[keyId].Properties.KeyPolicy.Statement;
    expect(keyStatements).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('puts a CloudFront distribution in front of the APIs only when the manifest asks for a single host', () => {
    s.template.resourceCountIs('AWS::CloudFront::Distribution', manifest.singleHost ? 1 : 0);
  });

  it('has no unacknowledged cdk-nag AwsSolutions error or warning', () => {
    expect(nagFindings(s.stack)).toEqual([]);
  });

  it('has none either in a concrete account and region, where findings name them literally', () => {
    const deployed = synthesize(manifest, { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(nagFindings(deployed.stack)).toEqual([]);
  });
});

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
      const statements = s.statementsOf(s.functionOf(fn.id)).filter((st) => actionsOf(st).includes('execute-api:ManageConnections'));
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
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            { ExpirationInDays: bucket.expireAfterDays, Status: 'Enabled' },
            // What an interrupted upload leaves under the pending prefix is gone a day later.
            Match.objectLike({ Prefix: bucket.pendingPrefix, ExpirationInDays: 1, Status: 'Enabled' }),
          ]),
        },
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

  /** Logical id of the secret a manifest entry became, through its output. */
  const secretOf = (name: string): string => s.template.toJSON().Outputs[`SecretArn${pascalCase(name)}`].Value.Ref;

  it('creates one secret per manifest entry, holding an empty JSON object for an operator to fill, retained', () => {
    const placeholders = s.ofType('AWS::SecretsManager::Secret').filter(([, secret]) => secret.Properties.GenerateSecretString === undefined);
    expect(placeholders.map(([id]) => id).sort()).toEqual(everyKind.secrets!.map((secret) => secretOf(secret.name)).sort());
    for (const [, secret] of placeholders) {
      expect(secret.Properties.SecretString).toBe('{}');
      expect(secret.DeletionPolicy).toBe('Retain');
    }
  });

  it('names a secret in SECRET_ID_<NAME> and lets only the functions that list it read it', () => {
    for (const { name } of everyKind.secrets!) {
      const secret = secretOf(name);
      for (const fn of fns) {
        const env = s.environmentOf(fn.id);
        const reads = s.statementsOf(s.functionOf(fn.id)).filter((st) => JSON.stringify(st.Resource).includes(secret));
        if (!fn.spec.access?.secrets?.includes(name)) {
          expect(env, fn.id).not.toHaveProperty(envNames.secretId(name));
          expect(reads, fn.id).toEqual([]);
          continue;
        }
        expect(env[envNames.secretId(name)], fn.id).toEqual({ Ref: secret });
        expect(reads).toHaveLength(1);
        expect(reads[0].Resource).toEqual({ Ref: secret });
        expect(actionsOf(reads[0])).toContain('secretsmanager:GetSecretValue');
        expect(actionsOf(reads[0]).every((action) => action.startsWith('secretsmanager:Describe') || action === 'secretsmanager:GetSecretValue')).toBe(true);
      }
    }
  });

  it('creates one rotating, retained KMS key for values sealed at rest, usable (GenerateDataKey, Decrypt) only by the functions that declare dataKeys, named to them in SECRETS_KMS_KEY_ID', () => {
    const keys = s.ofType('AWS::KMS::Key').filter(([, key]) => String(key.Properties.Description).includes('sealed at rest'));
    expect(keys).toHaveLength(1);
    const [[keyId, key]] = keys;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    for (const fn of fns) {
      const uses = s
        .statementsOf(s.functionOf(fn.id))
        .filter((st) => actionsOf(st).some((action) => action.startsWith('kms:')) && JSON.stringify(st.Resource).includes(keyId));
      if (!fn.spec.access?.dataKeys) {
        expect(uses, fn.id).toEqual([]);
        expect(s.environmentOf(fn.id), fn.id).not.toHaveProperty('SECRETS_KMS_KEY_ID');
        continue;
      }
      expect(uses.flatMap(actionsOf).sort(), fn.id).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(s.environmentOf(fn.id), fn.id).toHaveProperty('SECRETS_KMS_KEY_ID');
    }
  });

  it('creates no KMS key for a service whose functions seal nothing', () => {
    const plain = synthesize(
      defineService({ name: 'stacknokey', description: 'x', http: { routes: [{ method: 'GET', path: '/x', auth: 'none', handler }] }, table: {} }),
    );
    expect(plain.ofType('AWS::KMS::Key').filter(([, key]) => String(key.Properties.Description).includes('sealed at rest'))).toEqual([]);
  });

  it('refuses an access entry naming a secret the service does not have', () => {
    const broken = defineService({
      ...everyKind,
      name: 'stacknosecret',
      http: { routes: [{ method: 'GET', path: '/x', auth: 'none', handler, access: { secrets: ['nope'] } }] },
    });
    expect(() => synthesize(broken)).toThrow(/unknown secret "nope"/);
  });

  /** Every (action, resource) pair a function's role allows. */
  const allowed = (functionId: string) =>
    s.statementsOf(s.functionOf(functionId)).flatMap((st) => actionsOf(st).flatMap((action) => [st.Resource].flat().map((resource) => [action, resource])));
  const accountArn = (service: string, resource: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${resource}`]],
  });

  it('lets sms senders publish to phone numbers (no ARN: "*"), push senders only to platform endpoints, device registration only create and manage endpoints, e-mail senders send only from SES identities', () => {
    const endpoints = accountArn('sns', 'endpoint/*');
    const expected: Record<MessagingProvider, unknown[][]> = {
      sms: [['sns:Publish', '*']],
      push: [['sns:Publish', endpoints]],
      'push-endpoints': [
        ['sns:CreatePlatformEndpoint', accountArn('sns', 'app/*')],
        ['sns:GetEndpointAttributes', endpoints],
        ['sns:SetEndpointAttributes', endpoints],
        ['sns:DeleteEndpoint', endpoints],
      ],
      email: [['ses:SendEmail', accountArn('ses', 'identity/*')]],
    };
    const providerActions = new Set(Object.values(expected).flatMap((pairs) => pairs.map(([action]) => action)));
    for (const fn of fns) {
      const granted = allowed(fn.id).filter(([action]) => providerActions.has(action));
      const wanted = [...new Set(fn.spec.access?.providers ?? [])].flatMap((provider) => expected[provider]);
      expect(granted, fn.id).toEqual(expect.arrayContaining(wanted));
      expect(granted, fn.id).toHaveLength(wanted.length);
    }
  });

  it('gives e-mail senders the EMAIL_FROM of the manifest, and refuses e-mail access without one', () => {
    const sender = fns.find((fn) => fn.spec.access?.providers?.includes('email'))!;
    expect(s.environmentOf(sender.id).EMAIL_FROM).toBe(everyKind.environment!.EMAIL_FROM);
    const broken = defineService({ ...everyKind, name: 'stacknosender', environment: { FEATURE_FLAG: 'on' } });
    expect(() => synthesize(broken)).toThrow(/EMAIL_FROM/);
  });

  it('subscribes the address given as alarmEmail context to the alarm topic', () => {
    const withEmail = synthesize(everyKind, { context: { alarmEmail: 'ops@app.example' } });
    const [[topic]] = withEmail.ofType('AWS::SNS::Topic');
    withEmail.template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@app.example', TopicArn: { Ref: topic } }, 1);
  });
});

/** Managed CloudFront policies, by the ids AWS documents for them. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface ViewerRequest {
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
}

describe('ServiceStack single host (every construct kind)', () => {
  let s: Synthesized;
  let config: Record<string, any>;
  beforeAll(() => {
    s = synthesize(everyKind);
    config = s.ofType('AWS::CloudFront::Distribution')[0][1].Properties.DistributionConfig;
  });
  const originOf = (behavior: { TargetOriginId: string }) => config.Origins.find((origin: { Id: string }) => origin.Id === behavior.TargetOriginId);
  /**
   * Runs a behaviour's viewer-request CloudFront Function on a request, in a fresh context as
   * CloudFront does, with the `cloudfront` module's origin selection recorded by a stand-in.
   */
  const runViewerRequest = (behavior: { FunctionAssociations?: any[] }, request: ViewerRequest) => {
    const [association] = behavior.FunctionAssociations!;
    expect(association.EventType).toBe('viewer-request');
    const fn = s.resources[association.FunctionARN['Fn::GetAtt'][0]];
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const code: string = fn.Properties.FunctionCode;
    // The runtime takes the module import only as the first line; the stand-in binds `cf` instead.
    const [first, ...rest] = code.split('\n');
    const importsCf = first === "import cf from 'cloudfront';";
    expect(code.includes('cloudfront')).toBe(importsCf);
    const selectedOrigins: string[] = [];
    const cf = { selectRequestOriginById: (id: string) => selectedOrigins.push(id) };
    const context = vm.createContext({ cf });
    const handler = vm.runInContext(`${importsCf ? rest.join('\n') : code}\n;handler`, context);
    const rewritten: ViewerRequest = handler({ request: structuredClone(request) });
    return { request: rewritten, origin: selectedOrigins.at(-1) };
  };
  const request = (uri: string): ViewerRequest => ({
    uri,
    querystring: { id: { value: 'Token-ABC' }, access_token: { value: 'Secret-XYZ' } },
    headers: { authorization: { value: 'Bearer Web KEY' } },
  });

  it('sends every other request to the HTTP API uncached, over TLS 1.2, with all viewer headers but Host (Authorization too), query strings and cookies', () => {
    const behavior = config.DefaultCacheBehavior;
    const httpApi = s.ofType('AWS::ApiGatewayV2::Api').find(([, api]) => api.Properties.ProtocolType === 'HTTP')![0];
    expect(behavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
    });
    expect(originOf(behavior)).toMatchObject({
      DomainName: { 'Fn::Join': ['', [{ Ref: httpApi }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  it('lowercases the path (never the query string) before routing when paths are case-insensitive', () => {
    const rewritten = runViewerRequest(config.DefaultCacheBehavior, request('/Things/ABC-1'));
    expect(rewritten).toEqual({ request: request('/things/abc-1'), origin: undefined });
  });

  it('sends a WebSocket path in any case to that API at its stage path, as the manifest makes every path case-insensitive', () => {
    const [behavior] = config.CacheBehaviors as any[];
    const stagePath = runViewerRequest(behavior, request('/socket')).request.uri;
    for (const api of everyKind.websockets!) {
      const exact = (config.CacheBehaviors as any[]).find((b) => b.PathPattern === api.path);
      // CloudFront matches path patterns case-sensitively: any other case reaches the default behaviour.
      for (const uri of [api.path.toUpperCase(), api.path.replace(/^\/./, (start) => start.toUpperCase())]) {
        const routed = runViewerRequest(config.DefaultCacheBehavior, request(uri));
        expect(routed.origin, uri).toBe(exact.TargetOriginId);
        expect(routed.request, uri).toEqual(request(stagePath));
      }
    }
    // Paths below a WebSocket path (a SignalR negotiate) stay with the HTTP API.
    const negotiate = runViewerRequest(config.DefaultCacheBehavior, request('/SOCKET/negotiate'));
    expect(negotiate).toEqual({ request: request('/socket/negotiate'), origin: undefined });
  });

  it('names each origin the viewer-request function may select, the HTTP API and each WebSocket API', () => {
    const ids = (config.Origins as { Id: string }[]).map((origin) => origin.Id).sort();
    expect(ids).toEqual(['HttpApi', ...everyKind.websockets!.map((api) => `WebSocket${pascalCase(api.name)}`)].sort());
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe('HttpApi');
  });

  it('serves each WebSocket API at exactly its path, rewritten to the stage path, with the handshake headers and query strings', () => {
    const behaviors = config.CacheBehaviors as any[];
    expect(behaviors.map((behavior) => behavior.PathPattern)).toEqual(everyKind.websockets!.map((api) => api.path));
    for (const api of everyKind.websockets!) {
      const behavior = behaviors.find((b) => b.PathPattern === api.path);
      // No wildcard: `<path>/negotiate` and the like stay with the HTTP API.
      expect(behavior.PathPattern).not.toContain('*');
      expect(behavior).toMatchObject({
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ViewerProtocolPolicy: 'https-only',
      });
      expect(originOf(behavior).DomainName['Fn::Join'][1][0]).toEqual({ Ref: s.webSocketApiOf(api.name) });
      const apiId = s.webSocketApiOf(api.name);
      const [, stage] = s.ofType('AWS::ApiGatewayV2::Stage').find(([, st]) => st.Properties.ApiId.Ref === apiId)!;
      expect(runViewerRequest(behavior, request(api.path))).toEqual({ request: request(`/${stage.Properties.StageName}`), origin: undefined });
    }
  });

  it('writes standard logs to the stack log bucket, which keeps ACLs for CloudFront and also receives the S3 access logs', () => {
    const logBucket = config.Logging.Bucket['Fn::GetAtt'];
    expect(logBucket[1]).toBe('RegionalDomainName');
    expect(s.resources[logBucket[0]].Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerPreferred' }]);
    s.template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: logBucket[0] } } });
  });

  it('outputs BaseUrl, the https address of the distribution', () => {
    const [distribution] = s.ofType('AWS::CloudFront::Distribution')[0];
    expect(s.template.toJSON().Outputs.BaseUrl.Value).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]],
    });
  });

  it('adds no lowercasing function when paths are case-sensitive', () => {
    const cased = synthesize(defineService({ ...everyKind, name: 'stackcased', http: { ...everyKind.http, caseInsensitivePaths: false } }));
    const [[, distribution]] = cased.ofType('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
    expect(cased.ofType('AWS::CloudFront::Function')).toHaveLength(1);
    // Without a distribution the log bucket needs no ACLs.
    const plain = synthesize(defineService({ ...everyKind, name: 'stackplain', singleHost: false, http: { ...everyKind.http, caseInsensitivePaths: false } }));
    plain.template.resourceCountIs('AWS::CloudFront::Function', 0);
    plain.template.hasResourceProperties('AWS::S3::Bucket', { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    plain.template.resourcePropertiesCountIs('AWS::S3::Bucket', { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }, 0);
  });

  it('refuses case-insensitive paths without a single host (nothing else could lowercase them on AWS)', () => {
    const broken = defineService({ ...everyKind, name: 'stacknohost', singleHost: false });
    expect(() => synthesize(broken)).toThrow(/caseInsensitivePaths needs singleHost/);
  });
});
