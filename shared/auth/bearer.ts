/**
 * Where a request carries its token: `Authorization: Bearer <token>`, or, for
 * clients that cannot set headers (browser WebSockets, download links), a
 * query parameter the route names.
 */
import { unauthenticated } from '../errors.ts';
import { headerOf } from './authenticator.ts';

export interface TokenCarrier {
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The bearer token, or undefined when the request carries none (or a malformed header). */
export function bearerToken(request: TokenCarrier, options: { queryParameter?: string } = {}): string | undefined {
  const authorization = headerOf(request.headers, 'authorization');
  if (authorization !== undefined) return BEARER.exec(authorization)?.[1];
  if (options.queryParameter) return request.queryStringParameters?.[options.queryParameter] || undefined;
  return undefined;
}

/** The bearer token; AppError('unauthenticated', code) when there is none. */
export function requireBearerToken(request: TokenCarrier, options: { queryParameter?: string; code?: string } = {}): string {
  const token = bearerToken(request, options);
  if (!token) throw unauthenticated(options.code ?? 'missing_token', 'missing bearer token');
  return token;
}
