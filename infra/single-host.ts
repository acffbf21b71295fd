/**
 * One host for a service's HTTP and WebSocket APIs (manifest `singleHost`), for
 * clients that know a single base URL: a CloudFront distribution whose default
 * behaviour is the HTTP API and which serves each WebSocket API at its manifest
 * path. Nothing is cached; every request reaches its API.
 */
import { Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WEBSOCKET_STAGE } from './apis.ts';
import { pascalCase } from './names.ts';
import { acknowledge, reasons } from './nag.ts';

export interface SingleHostProps {
  httpApi: apigw.IHttpApi;
  /** Each WebSocket API with its manifest name and the path it is served at (`/ai-chat-v2`). */
  websockets: { name: string; path: string; api: apigw.IWebSocketApi }[];
  /** Match every path in any case, WebSocket paths included, as the local gateway does. */
  caseInsensitivePaths: boolean;
  logBucket: s3.IBucket;
}

/** The HTTP API's origin id; each WebSocket API's is `WebSocket<Name>`. */
const HTTP_API_ORIGIN = 'HttpApi';
const websocketOriginId = (name: string) => `WebSocket${pascalCase(name)}`;

/** A WebSocket API accepts connections only at its stage path. */
const STAGE_PATH = `/${WEBSOCKET_STAGE}`;

/**
 * The viewer-request code of each kind of behaviour (cloudfront-js-2.0).
 *
 * With case-insensitive paths the default behaviour lowercases the path (never the query
 * string). A WebSocket path in another case than its behaviour's exact, case-sensitive
 * pattern also reaches the default behaviour: the function recognises it and sends it to
 * that API's origin at the stage path, with the origin-selection helper of the `cloudfront`
 * module (whose import must be the first line).
 */
export const viewerRequestCode = {
  lowercasePath(websocketOrigins: Record<string, string>): string {
    const lowercase = 'var request = event.request; var uri = request.uri.toLowerCase();';
    if (!Object.keys(websocketOrigins).length) return `function handler(event) { ${lowercase} request.uri = uri; return request; }`;
    return [
      "import cf from 'cloudfront';",
      `var websocketOrigins = ${JSON.stringify(websocketOrigins)};`,
      `function handler(event) { ${lowercase}`,
      `  if (Object.prototype.hasOwnProperty.call(websocketOrigins, uri)) { cf.selectRequestOriginById(websocketOrigins[uri]); request.uri = '${STAGE_PATH}'; return request; }`,
      '  request.uri = uri; return request; }',
    ].join('\n');
  },
  websocketStage: `function handler(event) { var request = event.request; request.uri = '${STAGE_PATH}'; return request; }`,
};

/**
 * API Gateway routes by its own host name, so the Host header is replaced by the origin's;
 * everything else the viewer sent is forwarded, Authorization included (CloudFront forwards
 * it with this managed policy because caching is disabled: a custom origin request policy
 * may not name it), and so are the Sec-WebSocket-* headers and every query string (`id`,
 * `access_token`) a WebSocket handshake carries.
 */
const uncachedApi = {
  cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
  originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
} satisfies Partial<cloudfront.BehaviorOptions>;

export class SingleHost extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SingleHostProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const executeApi = (api: apigw.IApi, originId: string) =>
      new origins.HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
        originId,
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      });
    const viewerRequest = (functionId: string, code: string): cloudfront.FunctionAssociation[] => [
      {
        eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
        function: new cloudfront.Function(this, functionId, {
          code: cloudfront.FunctionCode.fromInline(code),
          runtime: cloudfront.FunctionRuntime.JS_2_0,
        }),
      },
    ];

    const websocketStage = props.websockets.length ? viewerRequest('WebSocketStagePath', viewerRequestCode.websocketStage) : [];
    const websocketOrigins = Object.fromEntries(props.websockets.map(({ name, path }) => [path.toLowerCase(), websocketOriginId(name)]));
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: HTTP and WebSocket APIs under one host`,
      defaultBehavior: {
        ...uncachedApi,
        origin: executeApi(props.httpApi, HTTP_API_ORIGIN),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        functionAssociations: props.caseInsensitivePaths ? viewerRequest('LowercasePath', viewerRequestCode.lowercasePath(websocketOrigins)) : undefined,
      },
      // An exact path, no wildcard: `/ai-chat-v2/negotiate` and the like stay with the HTTP API.
      additionalBehaviors: Object.fromEntries(
        props.websockets.map(({ name, path, api }) => [
          path,
          {
            ...uncachedApi,
            origin: executeApi(api, websocketOriginId(name)),
            allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            functionAssociations: websocketStage,
          },
        ]),
      ),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(this.distribution, 'AwsSolutions-CFR1', reasons.cloudFrontGeoRestriction);
    acknowledge(this.distribution, 'AwsSolutions-CFR2', reasons.cloudFrontWaf);
    acknowledge(this.distribution, 'AwsSolutions-CFR4', reasons.cloudFrontDefaultCertificate);
  }

  get baseUrl(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
