/**
 * Route declarations: each route's contract in one place (method, path, auth
 * kind, request schemas, every response, summary, object ids), next to its
 * handler as `<action>.route.ts`. The manifest lists the declarations, the
 * route stack enforces them (`httpRoute(route, ...)`), and the documents,
 * the authorization matrix and the edge checks are generated from them.
 *
 * A declaration holds data and zod schemas only, so the OpenAPI function can
 * bundle a whole service's declarations cheaply; authenticators live with the
 * handlers (shared/auth/authenticator.ts).
 */
import type { core } from 'zod/mini';
import type { HttpRoute, ResourceNames, ResponseContract, Schema } from '../manifest.ts';
import type { ErrorFormat } from './error-format.ts';

/** A route as declared: the manifest entry with its error format and typed request schemas. */
export type DeclaredRoute = HttpRoute & { errors: ErrorFormat };

type Output<S> = S extends core.$ZodType ? core.output<S> : undefined;
type RequestOf<R> = R extends { request: infer Q } ? Q : undefined;

export type BodyOf<R> = Output<RequestOf<R> extends { body: infer S } ? S : undefined>;
export type QueryOf<R> = RequestOf<R> extends { query: infer S } ? Output<S> : Record<string, string | undefined>;
export type ParamsOf<R> = RequestOf<R> extends { params: infer S } ? Output<S> : Record<string, string | undefined>;

/**
 * The declaring function of one service: every route it declares answers failures in the
 * service's format. The literal auth kind is kept, so the route stack can demand the
 * matching authenticator.
 */
export function routeDeclarations<N extends ResourceNames = ResourceNames>(service: { errors: ErrorFormat }) {
  return <R extends Omit<HttpRoute<N>, 'errors'>>(route: R): R & { errors: ErrorFormat } => ({ ...route, errors: service.errors });
}

/** A success with a body matching `schema` (JSON unless another media type is named). */
export const ok = (description: string, schema: Schema, mediaType = 'application/json'): ResponseContract => ({ description, mediaType, schema });

/** A success whose status says it all: no body. */
export const noContent = (description: string): ResponseContract => ({ description });

/** A failure in the service's error format. */
export const failure = (description: string): ResponseContract => ({ description, failure: true });
