/**
 * Where a request carries its token: `Authorization: Bearer <token>`, or, for
 * clients that cannot set headers (browser WebSockets, download links), a
 * query parameter the route names.
 */
import { unauthenticated } from '../errors.ts';

export interface TokenCarrier {
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function header(headers: TokenCarrier['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  // HTTP APIs lowercase header names; WebSocket $connect events keep the client's spelling.
  if (headers[name] !== undefined) return headers[name];
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/** The bearer token, or undefined when the request carries none (or a malformed header). */
export function bearerToken(request: TokenCarrier, options: { queryParameter?: string } = {}): string | undefined {
  const authorization = header(request.headers, 'authorization');
  if (authorization !== undefined) return BEARER.exec(authorization)?.[1];
  if (options.queryParameter) return request.queryStringParameters?.[options.queryParameter] || undefined;
  return undefined;
}

/** The bearer token; AppError('unauthenticated', code) when there is none. */
export function requireBearerToken(
  request: TokenCarrier,
  options: { queryParameter?: string; code?: string } = {},
): string {
  const token = bearerToken(request, options);
  if (!token) throw unauthenticated(options.code ?? 'missing_token', 'missing bearer token');
  return token;
}
