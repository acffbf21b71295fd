/**
 * One authenticator per auth kind per service: it turns a request's credential
 * into the verified caller, or throws AppError('unauthenticated'/'not_found'...)
 * in the service's terms. The route stack runs it (shared/http/route.ts,
 * shared/http/websocket-route.ts) for the kind the route declares, so a handler
 * only ever sees a verified caller.
 */
import type { AuthKind } from '../manifest.ts';

/** What an authenticator may read. `body` is the validated body when it reads the input. */
export interface AuthRequest<Body> {
  /** HTTP APIs lowercase header names; WebSocket `$connect` events keep the client's spelling. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Body;
}

export interface Authenticator<Kind extends AuthKind, Caller, Body = unknown> {
  kind: Kind;
  /**
   * `request`: the credential is in headers or query, checked before the body is even parsed
   * (a request without it is refused, whatever its body). `input`: the credential is in the
   * body, checked once the body has passed validation, as originals that bind then validate do.
   */
  reads: 'request' | 'input';
  authenticate: (request: AuthRequest<Body>) => Promise<Caller>;
}

export function defineAuthenticator<Kind extends AuthKind, Caller, Body = unknown>(
  authenticator: Authenticator<Kind, Caller, Body>,
): Authenticator<Kind, Caller, Body> {
  return authenticator;
}

/** A header by its lowercase name: HTTP APIs lowercase header names, WebSocket `$connect` events keep the client's spelling. */
export function headerOf(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}
