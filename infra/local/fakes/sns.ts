/**
 * Amazon SNS mobile push on the runtime's port, for the real
 * `@aws-sdk/client-sns` (pointed here by `AWS_ENDPOINT_URL_SNS`): the Query
 * protocol it speaks, form-encoded `POST /_local/sns/` with an `Action`,
 * answered in SNS's XML (errors as `<ErrorResponse>` with SNS's codes).
 *
 *   CreatePlatformEndpoint  PlatformApplicationArn, Token, CustomUserData?    → EndpointArn (the same one again for a known token;
 *                           an APNs token must be hexadecimal, as SNS checks)
 *   GetEndpointAttributes   EndpointArn                                        → Enabled, Token, CustomUserData (NotFound when deleted)
 *   SetEndpointAttributes   EndpointArn, Attributes.entry.N.key/value          (Enabled, Token, CustomUserData)
 *   DeleteEndpoint          EndpointArn                                        (deleting twice is no error, as on SNS)
 *   Publish                 TargetArn, Message, MessageStructure?              → MessageId; EndpointDisabled when disabled
 *
 * Each Publish to an enabled endpoint is recorded in the outbox as
 * `channel: "push"`, `to` = the device token, `payload: {endpointArn,
 * message}` (with `MessageStructure=json`, the per-platform messages parsed).
 * When the outbox refuses the channel (a test's `failNext`), Publish answers
 * 503 and nothing is sent, as in an outage. `disableEndpoint(token)` turns an
 * endpoint off as SNS does when the platform reports the token invalid.
 * Requests must carry a SigV4 `Authorization` header (not verified further).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../component.ts';
import { addresses, LOCAL_ACCOUNT, LOCAL_REGION } from '../addresses.ts';
import { ProviderApi } from './provider-api.ts';

/** Platform applications the local environment registers devices with (`SNS_PLATFORM_ARN_*`). */
export const LOCAL_SNS_PLATFORM_ARNS = {
  android: `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:app/GCM/penhas-android`,
  ios: `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:app/APNS/penhas-ios`,
} as const;

export interface FakeEndpoint {
  arn: string;
  platformApplicationArn: string;
  token: string;
  enabled: boolean;
  customUserData: string;
}

interface SnsAnswer {
  status: number;
  xml: string;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const PLATFORM_APPLICATION = /^arn:aws:sns:[a-z0-9-]+:\d{12}:app\/(GCM|APNS|APNS_SANDBOX)\/[A-Za-z0-9_.-]+$/;
const MAX_BODY_BYTES = 512 * 1024;
const KEPT_REQUESTS = 500;

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

function success(action: string, result: string): SnsAnswer {
  return {
    status: 200,
    xml: `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

function snsError(status: number, code: string, message: string): SnsAnswer {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    xml: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

/** `Attributes.entry.N.key` / `.value` pairs, as the Query protocol serializes a map. */
function attributesOf(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of params) {
    const match = /^Attributes\.entry\.(\d+)\.key$/.exec(name);
    if (match) attributes[value] = params.get(`Attributes.entry.${match[1]}.value`) ?? '';
  }
  return attributes;
}

export class FakeSns extends ProviderApi {
  /** Endpoints by ARN. */
  readonly endpoints = new Map<string, FakeEndpoint>();
  private base = '';

  constructor() {
    super('sns', 'Amazon SNS mobile push', () => ({ status: 404 }));
  }

  override mount(baseUrl: string): void {
    super.mount(baseUrl);
    this.base = baseUrl;
  }

  /** The endpoint registered for a device token, if any. */
  endpointOf(token: string): FakeEndpoint | undefined {
    return [...this.endpoints.values()].find((endpoint) => endpoint.token === token);
  }

  /** What SNS does when APNs or FCM reports the token dead: the endpoint stays, disabled. */
  disableEndpoint(token: string): void {
    const endpoint = this.endpointOf(token);
    if (!endpoint) throw new Error('no SNS endpoint for that token');
    endpoint.enabled = false;
  }

  override async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return void res.writeHead(413, { 'content-length': '0' }).end();
    const text = body.toString('utf8');
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: text });
    // Only the latest requests are kept, as every stand-in keeps them, so a runtime left running does not grow.
    if (this.requests.length > KEPT_REQUESTS) this.requests.shift();
    let answer: SnsAnswer;
    try {
      answer = await this.answerQuery(req, text);
    } catch (error) {
      answer = snsError(500, 'InternalError', String(error));
    }
    res.writeHead(answer.status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(answer.xml) }).end(answer.xml);
  }

  private async answerQuery(req: IncomingMessage, text: string): Promise<SnsAnswer> {
    if (req.method !== 'POST') return snsError(400, 'InvalidAction', 'SNS takes POST requests');
    if (!/^AWS4-HMAC-SHA256 /.test(req.headers.authorization ?? ''))
      return snsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    const params = new URLSearchParams(text);
    const action = params.get('Action') ?? '';
    switch (action) {
      case 'CreatePlatformEndpoint':
        return this.createPlatformEndpoint(params);
      case 'GetEndpointAttributes':
        return this.withEndpoint(params, (endpoint) => success(action, this.attributesXml(endpoint)));
      case 'SetEndpointAttributes':
        return this.withEndpoint(params, (endpoint) => this.setAttributes(endpoint, attributesOf(params)));
      case 'DeleteEndpoint':
        this.endpoints.delete(params.get('EndpointArn') ?? '');
        return success(action, '');
      case 'Publish':
        return this.publish(params);
      default:
        return snsError(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
  }

  private createPlatformEndpoint(params: URLSearchParams): SnsAnswer {
    const application = params.get('PlatformApplicationArn') ?? '';
    const token = params.get('Token') ?? '';
    if (!PLATFORM_APPLICATION.test(application)) return snsError(400, 'InvalidParameter', 'Invalid parameter: PlatformApplicationArn');
    if (!token) return snsError(400, 'InvalidParameter', 'Invalid parameter: Token');
    if (/:app\/APNS(_SANDBOX)?\//.test(application) && !/^[0-9a-fA-F]{1,400}$/.test(token))
      return snsError(400, 'InvalidParameter', 'Invalid parameter: Token Reason: iOS device tokens must be no more than 400 hexadecimal characters');
    const customUserData = params.get('CustomUserData') ?? '';
    const existing = [...this.endpoints.values()].find((e) => e.platformApplicationArn === application && e.token === token);
    if (existing) {
      // SNS answers the existing endpoint for the same token and attributes, and refuses different ones.
      if (existing.customUserData !== customUserData)
        return snsError(
          400,
          'InvalidParameter',
          `Invalid parameter: Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`,
        );
      return success('CreatePlatformEndpoint', `<EndpointArn>${existing.arn}</EndpointArn>`);
    }
    const arn = `${application.replace(':app/', ':endpoint/')}/${randomUUID()}`;
    this.endpoints.set(arn, { arn, platformApplicationArn: application, token, enabled: true, customUserData });
    return success('CreatePlatformEndpoint', `<EndpointArn>${arn}</EndpointArn>`);
  }

  private withEndpoint(params: URLSearchParams, use: (endpoint: FakeEndpoint) => SnsAnswer): SnsAnswer {
    const endpoint = this.endpoints.get(params.get('EndpointArn') ?? '');
    return endpoint ? use(endpoint) : snsError(404, 'NotFound', 'Endpoint does not exist');
  }

  private attributesXml(endpoint: FakeEndpoint): string {
    const entries = { Enabled: String(endpoint.enabled), Token: endpoint.token, CustomUserData: endpoint.customUserData };
    return `<Attributes>${Object.entries(entries)
      .map(([k, v]) => `<entry><key>${k}</key><value>${escapeXml(v)}</value></entry>`)
      .join('')}</Attributes>`;
  }

  private setAttributes(endpoint: FakeEndpoint, attributes: Record<string, string>): SnsAnswer {
    if (attributes.Enabled !== undefined) endpoint.enabled = attributes.Enabled === 'true';
    if (attributes.Token) endpoint.token = attributes.Token;
    if (attributes.CustomUserData !== undefined) endpoint.customUserData = attributes.CustomUserData;
    return success('SetEndpointAttributes', '');
  }

  private async publish(params: URLSearchParams): Promise<SnsAnswer> {
    const target = params.get('TargetArn') ?? '';
    const message = params.get('Message') ?? '';
    if (!message) return snsError(400, 'InvalidParameter', 'Invalid parameter: Message');
    const endpoint = this.endpoints.get(target);
    if (!endpoint) return snsError(404, 'NotFound', 'Endpoint does not exist');
    if (!endpoint.enabled) return snsError(400, 'EndpointDisabled', 'Endpoint is disabled');
    let parsed: unknown = message;
    if (params.get('MessageStructure') === 'json') {
      try {
        parsed = JSON.parse(message);
      } catch {
        return snsError(400, 'InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse');
      }
    }
    const response = await fetch(addresses.outbox(this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'push', to: endpoint.token, service: 'penhas', payload: { endpointArn: endpoint.arn, message: parsed } }),
    });
    if (response.status !== 201) return snsError(503, 'ServiceUnavailable', 'Service is unavailable');
    return success('Publish', `<MessageId>${randomUUID()}</MessageId>`);
  }
}
