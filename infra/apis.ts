/** The service's API Gateway APIs: one HTTP API and one WebSocket API per manifest entry. */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Cors, HttpRoute, WebSocketApi, WebSocketRoute } from '../shared/manifest.ts';
import { LOG_RETENTION } from './handler-function.ts';
import { acknowledge, reasons, routeAuthReasons } from './nag.ts';

/** Per-stage limits well under the account's 10,000 rps, so one service's runaway client cannot starve the others. */
const THROTTLE: apigw.ThrottleSettings = { rateLimit: 1000, burstLimit: 2000 };

/** The WebSocket stage; its name is part of the wss:// URL and of the management endpoint. */
export const WEBSOCKET_STAGE = 'live';

/**
 * JSON access logs (queryable with Logs Insights) built only from variables the
 * API type supports: HTTP and WebSocket APIs each reject the other's.
 */
const accessLogFields = {
  http: {
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  },
  websocket: {
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    eventType: '$context.eventType',
    routeKey: '$context.routeKey',
    connectionId: '$context.connectionId',
    status: '$context.status',
    integrationLatency: '$context.integrationLatency',
    error: '$context.error.message',
  },
};

function accessLogs(scope: Construct, api: keyof typeof accessLogFields): apigw.IAccessLogSettings {
  const group = new logs.LogGroup(scope, 'AccessLogs', { retention: LOG_RETENTION });
  return {
    destination: new apigw.LogGroupLogDestination(group),
    format: AccessLogFormat.custom(JSON.stringify(accessLogFields[api])),
  };
}

export class ServiceHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: { name: string; cors?: Cors }) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: props.name,
      corsPreflight: props.cors && corsPreflight(props.cors),
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: accessLogs(this, 'http'),
    });
  }

  get url(): string {
    return this.stage.url;
  }

  /** The route, its integration and the permission to invoke `handler` are made in `scope` (the handler's stack). */
  addRoute(scope: Construct, id: string, route: HttpRoute, handler: lambda.IFunction): void {
    const created = new apigw.HttpRoute(scope, `${id}Route`, {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.with(route.path, route.method as apigw.HttpMethod),
      integration: new HttpLambdaIntegration(id, handler, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 }),
    });
    acknowledge(created, 'AwsSolutions-APIG4', routeAuthReasons[route.auth]);
  }
}

function corsPreflight(cors: Cors): apigw.CorsPreflightOptions {
  return {
    allowOrigins: cors.allowOrigins,
    allowMethods: cors.allowMethods?.map((method) => method as apigw.CorsHttpMethod),
    allowHeaders: cors.allowHeaders,
    exposeHeaders: cors.exposeHeaders,
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAgeSeconds === undefined ? undefined : Duration.seconds(cors.maxAgeSeconds),
  };
}

export class ServiceWebSocketApi extends Construct {
  readonly api: apigw.WebSocketApi;
  readonly stage: apigw.WebSocketStage;

  constructor(scope: Construct, id: string, props: { name: string; manifest: WebSocketApi }) {
    super(scope, id);
    this.api = new apigw.WebSocketApi(this, 'Api', {
      apiName: props.name,
      routeSelectionExpression: props.manifest.routeSelectionExpression,
    });
    this.stage = new apigw.WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: WEBSOCKET_STAGE,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: accessLogs(this, 'websocket'),
    });
    this.stage.node.addDependency(ApiGatewayAccountLogging.of(Stack.of(this)));
  }

  /** The @connections management endpoint (https), as the management API client expects it. */
  get managementEndpoint(): string {
    return this.stage.callbackUrl;
  }

  /** Like the HTTP API's: route, integration and permission in the handler's stack. */
  addRoute(scope: Construct, id: string, routeKey: string, route: WebSocketRoute, handler: lambda.IFunction): void {
    const created = new apigw.WebSocketRoute(scope, `${id}Route`, {
      webSocketApi: this.api,
      routeKey,
      integration: new WebSocketLambdaIntegration(id, handler),
      returnResponse: route.returnsResponse,
    });
    acknowledge(created, 'AwsSolutions-APIG4', reasons.websocketRoute);
  }

  /** Every connection of this API's stage, as the management API authorizes posting to and closing them. */
  get connectionsArn(): string {
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.api.apiId,
      resourceName: `${this.stage.stageName}/*/@connections/*`,
    });
  }

  grantManageConnections(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:ManageConnections'], resourceArns: [this.connectionsArn] });
  }
}

/**
 * WebSocket stages can only write access logs once the account's API Gateway
 * settings name a CloudWatch role. The setting is account-wide; each stack that
 * needs it sets an equivalent role, retained so the setting never points at a
 * deleted role when a stack is removed.
 */
class ApiGatewayAccountLogging extends Construct {
  static of(stack: Stack): ApiGatewayAccountLogging {
    const id = 'ApiGatewayAccountLogging';
    return (stack.node.tryFindChild(id) as ApiGatewayAccountLogging | undefined) ?? new ApiGatewayAccountLogging(stack, id);
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledge(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reasons.apiGatewayLoggingRole,
    );
    new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
