/**
 * API Gateway HTTP API (payload format 2.0) and Lambda Function URL events, and
 * the reverse: a handler's result written back as an HTTP response, following
 * the payload 2.0 rules.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TextDecoder } from 'node:util';

const TEXT_TYPES = [
  /^text\//,
  /^application\/(.+\+)?json/,
  /^application\/(.+\+)?xml/,
  /^application\/x-www-form-urlencoded/,
  /^application\/javascript/,
  /^application\/graphql/,
];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Text bodies arrive as strings, anything else (multipart, audio, bytes) base64-encoded. */
export function encodeBody(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const type = (contentType ?? '').toLowerCase();
  if (TEXT_TYPES.some((pattern) => pattern.test(type)) || !type) {
    try {
      // Only bytes that survive the round trip are sent as text, so signatures over raw bodies still verify.
      return { body: strictUtf8.decode(body), isBase64Encoded: false };
    } catch {
      // not UTF-8: fall through to base64
    }
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}

/** Header names lowercased, repeated headers joined with commas; cookies split out. */
export function collectHeaders(req: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1];
    if (name === 'cookie') {
      cookies ??= [];
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
  }
  return out;
}

export const sourceIpOf = (req: IncomingMessage) => (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

/** `12/Feb/2021:13:01:49 +0000`: how API Gateway writes `requestTime`. */
export function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export interface ProxyEventInput {
  req: IncomingMessage;
  body: Buffer;
  /** Path as the API sees it (after the local service prefix). */
  rawPath: string;
  rawQueryString: string;
  routeKey: string;
  apiId: string;
  domainName: string;
  pathParameters?: Record<string, string>;
}

export function proxyEventV2(input: ProxyEventInput) {
  const { headers, cookies } = collectHeaders(input.req);
  const now = new Date();
  const encoded = encodeBody(input.body, headers['content-type']);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(input.rawQueryString ? { queryStringParameters: queryParameters(input.rawQueryString) } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: input.apiId,
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0],
      http: {
        method: input.req.method ?? 'GET',
        path: input.rawPath,
        protocol: `HTTP/${input.req.httpVersion}`,
        sourceIp: sourceIpOf(input.req),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...encoded,
  };
}

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/**
 * Payload 2.0: a result with `statusCode` is used as is; anything else is the
 * JSON body of a 200 (a string is sent as it is).
 */
export function writeProxyResult(res: ServerResponse, result: unknown, extraHeaders: Record<string, string> = {}): void {
  const structured: StructuredResult =
    result !== null && typeof result === 'object' && 'statusCode' in result
      ? (result as StructuredResult)
      : {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: typeof result === 'string' ? result : JSON.stringify(result),
        };
  const body =
    structured.body === undefined || structured.body === null
      ? Buffer.alloc(0)
      : structured.isBase64Encoded
        ? Buffer.from(structured.body, 'base64')
        : Buffer.from(String(structured.body), 'utf8');
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  Object.assign(headers, extraHeaders);
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode, headers);
  res.end(body);
}

export function writeGatewayError(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
