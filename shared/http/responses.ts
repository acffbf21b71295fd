/** API Gateway (payload 2.0) results: the one place that shapes response objects. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2;

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export const json = (body: unknown, statusCode = 200, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { ...JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

/** Success with no payload: the status says it all. */
export const empty = (statusCode = 200, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers,
  body: '',
});

export const text = (body: string, contentType = 'text/plain; charset=utf-8', statusCode = 200): HttpResult => ({
  statusCode,
  headers: { 'content-type': contentType },
  body,
});

export const binary = (bytes: Uint8Array, contentType: string, statusCode = 200): HttpResult => ({
  statusCode,
  headers: { 'content-type': contentType },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});
